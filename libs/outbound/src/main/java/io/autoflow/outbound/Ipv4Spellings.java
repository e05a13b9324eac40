package io.autoflow.outbound;

import java.util.Arrays;

/**
 * How a host written with numbers is read. Browsers (the WHATWG URL standard), curl and the C library take a host
 * whose last label is a number for an IPv4 address, and read octal parts (a leading zero: {@code 0177.0.0.1} is
 * 127.0.0.1), hex ({@code 0x7f.0.0.1}), fewer than four parts ({@code 127.1}) and a single 32-bit number
 * ({@code 2130706433}); Java reads some of these as decimal ({@code 0177} as 177) and others not at all. Only the
 * spelling every reader agrees on is safe to check and call: four decimal numbers from 0 to 255 without leading zeros.
 */
final class Ipv4Spellings {

    private Ipv4Spellings() {
    }

    /**
     * Whether some reader takes this host for an IPv4 address: its last label (a trailing dot aside) is a decimal
     * number or {@code 0x} with hex digits, which no domain name's top-level label is.
     */
    static boolean readsAsIpv4(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return isNumber(name.substring(name.lastIndexOf('.') + 1));
    }

    /** Whether every label is a number in some base, so that the host is meant as an address and not a name. */
    static boolean isAllNumbers(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return Arrays.stream(name.split("\\.", -1)).allMatch(Ipv4Spellings::isNumber);
    }

    /** Exactly four decimal numbers from 0 to 255, none with a leading zero, and nothing else (no trailing dot). */
    static boolean isCanonical(String host) {
        String[] parts = host.split("\\.", -1);
        return parts.length == 4 && Arrays.stream(parts)
                .allMatch(p -> p.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(p) <= 255);
    }

    /** Decimal, octal (a leading zero, read as decimal digits here) or hex ({@code 0x}, even with no digits after). */
    private static boolean isNumber(String label) {
        return label.matches("[0-9]+|0[xX][0-9a-fA-F]*");
    }
}
