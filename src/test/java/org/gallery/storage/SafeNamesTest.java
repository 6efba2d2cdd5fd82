package org.gallery.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeNamesTest {

    @Test
    void fileNamesKeepOnlyTheLastSegmentAndASafeStem() {
        assertThat(SafeNames.fileName("../../etc/passwd.jpg", ".jpg")).isEqualTo("passwd.jpg");
        assertThat(SafeNames.fileName("..\\..\\boot.ini.png", ".png")).isEqualTo("boot.ini.png");
        assertThat(SafeNames.fileName("a:b*c?.jpg", ".jpg")).isEqualTo("a_b_c_.jpg");
        assertThat(SafeNames.fileName("CON.jpg", ".jpg")).isEqualTo("_CON.jpg");
        assertThat(SafeNames.fileName("....jpg", ".jpg")).isEqualTo("image.jpg");
        assertThat(SafeNames.fileName("", ".png")).isEqualTo("image.png");
        assertThat(SafeNames.fileName("x".repeat(300) + ".jpg", ".jpg")).hasSize(120 + 4);
        assertThat(SafeNames.fileName("cafe\u0301.jpg", ".jpg")).isEqualTo("caf\u00e9.jpg");
    }

    @Test
    void folderNamesAreOneSafeSegment() {
        assertThat(SafeNames.folder("Summer / Winter")).isEqualTo("Summer _ Winter");
        assertThat(SafeNames.folder("..")).isEqualTo("photoset");
        assertThat(SafeNames.folder(" .hidden ")).isEqualTo("hidden");
    }
}
