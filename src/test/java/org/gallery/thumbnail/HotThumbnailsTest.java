package org.gallery.thumbnail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HotThumbnailsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void cacheKeepsWhatIsAskedWhileItFitsInHalfTheHeap() {
        assertThat(HotThumbnails.bounded(128 * MIB, 512 * MIB)).isEqualTo(128 * MIB);
        assertThat(HotThumbnails.bounded(256 * MIB, 512 * MIB)).isEqualTo(256 * MIB);
    }

    @Test
    void largerSettingIsCutToHalfTheHeapRatherThanRunningOutOfMemory() {
        assertThat(HotThumbnails.bounded(2048 * MIB, 512 * MIB)).isEqualTo(256 * MIB);
    }
}
