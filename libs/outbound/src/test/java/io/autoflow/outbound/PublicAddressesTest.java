package io.autoflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "169.254.169.254", "100.64.0.1", "100.100.100.200", "0.0.0.0", "0.1.2.3",
            "255.255.255.255", "240.0.0.1", "224.0.0.1", "192.0.2.10", "198.18.0.1", "::", "fe80::1", "fc00::1",
            "fd00:ec2::254", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe",
            "2002:a9fe:a9fe::1", "2001:db8::1", "ff02::1"})
    void refusesEveryNonPublicAddress(String address) throws Exception {
        assertThat(PublicAddresses.isAllowed(InetAddress.getByName(address), false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::6810:85e5",
            "64:ff9b::808:808"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(PublicAddresses.isAllowed(InetAddress.getByName(address), false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void loopbackOnlyWhenConfigurationAllowsIt(String address) throws Exception {
        assertThat(PublicAddresses.isAllowed(InetAddress.getByName(address), true)).isTrue();
    }
}
