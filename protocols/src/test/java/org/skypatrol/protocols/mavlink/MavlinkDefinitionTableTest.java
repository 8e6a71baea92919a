package org.skypatrol.protocols.mavlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.skypatrol.testing.SharedData;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Recomputes CRC_EXTRA and payload lengths of every message from the official XML with the spec's
 * algorithm (https://mavlink.io/en/guide/serialization.html#crc_extra), independently of the
 * Python generator, and checks every id of our table.
 */
class MavlinkDefinitionTableTest {

    @Test
    void standardTable_everyIdOfCommonXml_matchesCrcExtraAndLengthsComputedFromXml() throws Exception {
        Path dir = SharedData.file("mavlink/definitions/common.xml").getParent();
        Map<Integer, MessageDefinition> fromXml = new LinkedHashMap<>();
        for (String file : List.of("minimal.xml", "standard.xml", "common.xml")) {
            fromXml.putAll(readXml(dir.resolve(file)));
        }
        assertThat(fromXml).hasSizeGreaterThan(200);
        MessageTable table = MessageTable.standard();
        for (MessageDefinition expected : fromXml.values()) {
            MessageDefinition actual = table.find(expected.id());
            assertThat(actual).as("id %d %s in table", expected.id(), expected.name()).isNotNull();
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.crcExtra()).as("CRC_EXTRA of %s", expected.name()).isEqualTo(expected.crcExtra());
            assertThat(actual.minLength()).as("min length of %s", expected.name()).isEqualTo(expected.minLength());
            assertThat(actual.maxLength()).as("max length of %s", expected.name()).isEqualTo(expected.maxLength());
            assertThat(actual.fields()).isEqualTo(expected.fields());
        }
        // the table holds exactly the XML's ids plus our own dialect's
        long ours = table.all().stream().filter(d -> d.name().startsWith("SKYPATROL_")).count();
        assertThat(table.all()).hasSize(fromXml.size() + (int) ours);
    }

    @Test
    void standardTable_wellKnownIds_haveTheirPublishedCrcExtra() {
        // values printed in every generated MAVLink library (e.g. mavlink/c_library_v2 common.h)
        int[][] known = {{0, 50}, {1, 124}, {24, 24}, {30, 39}, {33, 104}, {74, 20}, {76, 152}, {77, 143}, {253, 83}};
        for (int[] k : known) {
            assertThat(MessageTable.standard().find(k[0]).crcExtra()).as("id %d", k[0]).isEqualTo(k[1]);
        }
    }

    static Map<Integer, MessageDefinition> readXml(Path file) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList messages = doc.getElementsByTagName("message");
        Map<Integer, MessageDefinition> result = new LinkedHashMap<>();
        for (int i = 0; i < messages.getLength(); i++) {
            Element message = (Element) messages.item(i);
            List<FieldDefinition> base = new ArrayList<>();
            List<FieldDefinition> extensions = new ArrayList<>();
            boolean inExtensions = false;
            for (Node child = message.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element element)) {
                    continue;
                }
                if (element.getTagName().equals("extensions")) {
                    inExtensions = true;
                } else if (element.getTagName().equals("field")) {
                    String type = element.getAttribute("type");
                    int length = 0;
                    int bracket = type.indexOf('[');
                    if (bracket > 0) {
                        length = Integer.parseInt(type.substring(bracket + 1, type.length() - 1));
                        type = type.substring(0, bracket);
                    }
                    FieldDefinition field = new FieldDefinition(FieldType.fromWireName(type),
                            element.getAttribute("name"), length, inExtensions, 0);
                    (inExtensions ? extensions : base).add(field);
                }
            }
            // wire order: non-extension fields by element size, largest first, stable; then extensions
            List<FieldDefinition> ordered = new ArrayList<>(base);
            ordered.sort(Comparator.comparingInt((FieldDefinition f) -> -f.type().size()));
            ordered.addAll(extensions);
            List<FieldDefinition> placed = new ArrayList<>();
            int offset = 0;
            int minLength = 0;
            for (FieldDefinition f : ordered) {
                placed.add(new FieldDefinition(f.type(), f.name(), f.arrayLength(), f.extension(), offset));
                offset += f.size();
                if (!f.extension()) {
                    minLength = offset;
                }
            }
            String name = message.getAttribute("name");
            int id = Integer.parseInt(message.getAttribute("id"));
            result.put(id, new MessageDefinition(id, name, MavlinkCrc.crcExtra(name, placed), minLength, offset, placed));
        }
        return result;
    }
}
