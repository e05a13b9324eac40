package io.autoflow.testsupport;

import java.util.HexFormat;

/**
 * The EICAR anti-virus test file, which every scanner reports as malware. Kept as hex so that this repository itself
 * does not set off scanners.
 */
public final class Eicar {

    private static final String HEX = "58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e4441"
            + "52442d414e544956495255532d544553542d46494c452124482b482a";

    private Eicar() {
    }

    public static byte[] bytes() {
        return HexFormat.of().parseHex(HEX);
    }
}
