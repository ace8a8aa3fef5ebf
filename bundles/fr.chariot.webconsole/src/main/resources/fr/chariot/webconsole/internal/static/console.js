// Chariot console behaviours, given to markup through data-* attributes (the pages hold no script of their own:
// the Content-Security-Policy allows only this file). Everything works without it, but for these conveniences.
(function () {
  'use strict';

  // data-confirm="question" on a form: asks before sending.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);

  document.addEventListener('change', function (event) {
    var field = event.target;
    // data-select-all="name" on a checkbox: ticks or unticks every checkbox of that name.
    var name = field.getAttribute('data-select-all');
    if (name !== null) {
      var scope = field.form || document;
      scope.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        if (box.name === name && !box.disabled) {
          box.checked = field.checked;
        }
      });
    }
    // data-autosubmit on a field: sends its form when it changes (a form's submit event is not fired by
    // form.submit(), so the confirmation is asked here too).
    if (field.hasAttribute('data-autosubmit') && field.form) {
      var question = field.form.getAttribute('data-confirm');
      if (!question || window.confirm(question)) {
        if (typeof field.form.requestSubmit === 'function') {
          field.form.requestSubmit();
        } else {
          field.form.submit();
        }
      }
    }
  });

  // Whether a field of the copy has a name a field of the page already has: the number is then taken.
  function taken(fragment) {
    var fields = fragment.querySelectorAll('[name]');
    for (var i = 0; i < fields.length; i++) {
      if (document.getElementsByName(fields[i].getAttribute('name')).length > 0) {
        return true;
      }
    }
    return false;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-add-row], [data-remove-row]') : null;
    if (!button) {
      return;
    }
    if (button.hasAttribute('data-add-row')) {
      // data-add-row="template-id" + data-target="container-id": appends a copy of the template, __i__ replaced by
      // a number no field of the page uses yet (a <template> parses table rows where a <div> would drop them).
      event.preventDefault();
      var template = document.getElementById(button.getAttribute('data-add-row'));
      var target = document.getElementById(button.getAttribute('data-target'));
      if (!template || !target) {
        return;
      }
      var index = target.children.length;
      var copy;
      // Bounded: a template whose names hold no __i__ would otherwise never find a free number.
      for (var tries = 0; tries < 1000; tries++, index++) {
        copy = document.createElement('template');
        copy.innerHTML = template.innerHTML.split('__i__').join(String(index));
        if (!taken(copy.content)) {
          break;
        }
      }
      var first = copy.content.firstElementChild;
      target.appendChild(copy.content);
      var fields = 'input:not([type="hidden"]), select, textarea';
      var field = first && (first.matches(fields) ? first : first.querySelector(fields));
      if (field) {
        field.focus();
      }
    } else {
      // data-remove-row: removes the nearest .row or table row.
      event.preventDefault();
      var row = button.closest('.row, tr');
      if (row) {
        row.parentNode.removeChild(row);
      }
    }
  });

  // Menus (<details>): one open at a time, closed by Escape or a click elsewhere.
  var menus = document.querySelectorAll('.menu details');
  menus.forEach(function (menu) {
    menu.addEventListener('toggle', function () {
      if (menu.open) {
        menus.forEach(function (other) {
          if (other !== menu) {
            other.open = false;
          }
        });
      }
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      menus.forEach(function (menu) {
        if (menu.open) {
          menu.open = false;
          menu.querySelector('summary').focus();
        }
      });
    }
  });
  document.addEventListener('click', function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });
}());
