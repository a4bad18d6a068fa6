package org.portfolio.edfi.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorTest {

    static final String WIDE = new String(Character.toChars(0x1F600));

    /** Ed-Fi's limits count characters, as the document's maxLength does (nineteenth pass: UTF-16 units were counted). */
    @Test
    void aCodeValueOfFiftyCharactersOutsideTheBasicPlaneIsADescriptor() {
        Descriptor d = Descriptor.parse("uri://district.example/AttendanceEventCategoryDescriptor#" + WIDE.repeat(50));
        assertThat(d).isNotNull();
        assertThat(d.codeValue()).isEqualTo(WIDE.repeat(50));
        assertThat(Descriptor.parse("uri://district.example/AttendanceEventCategoryDescriptor#" + WIDE.repeat(51))).isNull();
        assertThat(Descriptor.parse("uri://" + "\u4e2d".repeat(249) + "#Tardy")).as("255 characters").isNotNull();
        assertThat(Descriptor.parse("uri://" + "\u4e2d".repeat(250) + "#Tardy")).isNull();
    }
}
