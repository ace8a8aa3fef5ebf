package fr.chariot.pki.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The host names and IP addresses an HTTPS server certificate names (its subject alternative names), normalised so
 * that two lists naming the same hosts compare equal whatever their order or case: DNS names in lower case, IP
 * addresses in {@link InetAddress#getHostAddress()} form.
 */
public final class ServerNames {

    /** LDH labels of 1..63 characters, optionally behind a leading wildcard label. */
    private static final Pattern DNS_NAME = Pattern
            .compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final int DNS_NAME_MAX = 253;
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final List<String> names;
    private final Set<String> dnsNames;
    private final Set<String> addresses;

    private ServerNames(Set<String> dnsNames, Set<String> addresses, List<String> names) {
        this.dnsNames = dnsNames;
        this.addresses = addresses;
        this.names = List.copyOf(names);
    }

    /**
     * Parses configured names; each entry may itself be a comma-separated list (a configuration file gives one
     * string). Blank entries are skipped.
     *
     * @throws IllegalArgumentException when no name is given or one is neither a DNS name nor an IP address
     */
    public static ServerNames parse(String... entries) {
        Set<String> dnsNames = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String raw : entry.split(",")) {
                String name = raw.strip();
                if (name.isEmpty()) {
                    continue;
                }
                String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1)
                        : name;
                if (IPAddress.isValid(literal)) {
                    String address = normaliseAddress(literal);
                    if (addresses.add(address)) {
                        names.add(address);
                    }
                } else {
                    String dnsName = name.toLowerCase(Locale.ROOT);
                    if (dnsName.length() > DNS_NAME_MAX || !DNS_NAME.matcher(dnsName).matches()) {
                        throw new IllegalArgumentException("'" + name + "' is neither a host name nor an IP address");
                    }
                    if (dnsNames.add(dnsName)) {
                        names.add(dnsName);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no host name or IP address was given for the HTTPS certificate");
        }
        return new ServerNames(dnsNames, addresses, names);
    }

    /** The DNS and IP subject alternative names of a certificate (other kinds are ignored); possibly none. */
    public static ServerNames of(X509Certificate certificate) throws CertificateParsingException {
        Set<String> dnsNames = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
        if (alternativeNames != null) {
            for (List<?> alternativeName : alternativeNames) {
                int type = (Integer) alternativeName.get(0);
                if (type == SAN_DNS) {
                    String dnsName = ((String) alternativeName.get(1)).toLowerCase(Locale.ROOT);
                    if (dnsNames.add(dnsName)) {
                        names.add(dnsName);
                    }
                } else if (type == SAN_IP) {
                    String address = normaliseAddress((String) alternativeName.get(1));
                    if (addresses.add(address)) {
                        names.add(address);
                    }
                }
            }
        }
        return new ServerNames(dnsNames, addresses, names);
    }

    /** The names in the order given, without duplicates. */
    public List<String> names() {
        return names;
    }

    /** The first name given: the certificate's common name. */
    public String first() {
        return names.get(0);
    }

    public GeneralNames toGeneralNames() {
        List<GeneralName> generalNames = new ArrayList<>();
        for (String name : names) {
            generalNames.add(addresses.contains(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(generalNames.toArray(GeneralName[]::new));
    }

    private static String normaliseAddress(String literal) {
        try {
            // A literal address is parsed, never looked up.
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
        }
    }

    /** Same hosts, whatever the order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServerNames that && dnsNames.equals(that.dnsNames)
                && addresses.equals(that.addresses);
    }

    @Override
    public int hashCode() {
        return dnsNames.hashCode() * 31 + addresses.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
