package io.autoflow.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which IP addresses a user-given URL may reach: public unicast ones only. Refused are loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (with the cloud metadata endpoint 169.254.169.254), carrier-grade NAT (with
 * 100.100.100.200), unspecified, multicast, broadcast, documentation and reserved ranges, and IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4) whose IPv4 address is refused.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** @param allowLoopback for tests only, which serve their documents from this machine */
    public static boolean isAllowed(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback;
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b);
        }
        if (address instanceof Inet6Address) {
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return isAllowed(embedded, allowLoopback);
            }
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
            boolean documentation = first == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            return !uniqueLocal && !documentation;
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 // "this network"
                || a0 == 100 && (a1 & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT
                || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) // IETF protocol assignments, TEST-NET-1
                || a0 == 198 && (a1 == 18 || a1 == 19) // benchmarking
                || a0 == 198 && a1 == 51 && a2 == 100 // TEST-NET-2
                || a0 == 203 && a1 == 0 && a2 == 113 // TEST-NET-3
                || a0 >= 240); // reserved and broadcast
    }

    /** The IPv4 address inside an IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        try {
            boolean compatible = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
            if (compatible || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
