package org.gallery.caption.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaptionTimeoutsTest {

    @Test
    void theSettingBoundsTheWholeCallAndCapsConnectAndStall() {
        var defaults = CaptionTimeouts.ofSeconds(120);
        assertThat(defaults.total()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.stall()).isEqualTo(Duration.ofSeconds(30));

        var short_ = CaptionTimeouts.ofSeconds(5);
        assertThat(short_.total()).isEqualTo(Duration.ofSeconds(5));
        assertThat(short_.connect()).isEqualTo(Duration.ofSeconds(5));
        assertThat(short_.stall()).isEqualTo(Duration.ofSeconds(5));
    }
}
