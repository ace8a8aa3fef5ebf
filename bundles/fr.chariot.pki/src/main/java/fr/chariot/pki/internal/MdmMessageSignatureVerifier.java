package fr.chariot.pki.internal;

import java.security.cert.X509Certificate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import fr.chariot.pki.api.DeviceIdentityAuthority;
import fr.chariot.pki.api.IdentityException;
import fr.chariot.pki.api.MessageSignatureVerifier;

/**
 * {@code Mdm-Signature} verification: the CMS signature over the body ({@link MdmSignature}), then the signer as a
 * device identity of Chariot's CA ({@link DeviceIdentityAuthority#validate}).
 */
@Component(service = MessageSignatureVerifier.class)
public class MdmMessageSignatureVerifier implements MessageSignatureVerifier {

    private final DeviceIdentityAuthority authority;

    @Activate
    public MdmMessageSignatureVerifier(@Reference(name = "authority") DeviceIdentityAuthority authority) {
        this.authority = authority;
    }

    @Override
    public X509Certificate verify(String header, byte[] body) throws IdentityException {
        X509Certificate signer = MdmSignature.verify(header, body);
        authority.validate(signer);
        return signer;
    }
}
