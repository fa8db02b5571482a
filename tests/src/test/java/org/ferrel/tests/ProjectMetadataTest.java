package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The licence is stated the same way in LICENSE, the parent pom and CITATION.cff, and CITATION.cff is CFF 1.2.0. */
class ProjectMetadataTest {
    /** The top-level keys CFF 1.2.0 allows (its schema has additionalProperties: false). */
    static final Set<String> CFF_KEYS = Set.of("abstract", "authors", "cff-version", "commit", "contact", "date-released",
            "doi", "identifiers", "keywords", "license", "license-url", "message", "preferred-citation", "references",
            "repository", "repository-artifact", "repository-code", "title", "type", "url", "version");

    @Test
    void licenceFileIsTheApacheLicence() throws Exception {
        String licence = Files.readString(Cli.root().resolve("LICENSE"));
        assertTrue(licence.strip().startsWith("Apache License\n                           Version 2.0, January 2004"), "LICENSE");
        assertTrue(licence.contains("END OF TERMS AND CONDITIONS"), "the whole text");
    }

    @Test
    void parentPomNamesTheLicence() throws Exception {
        String pom = Files.readString(Cli.root().resolve("pom.xml"));
        int start = pom.indexOf("<licenses>");
        assertTrue(start > 0 && start < pom.indexOf("<dependencyManagement>"), "a <licenses> entry in the project");
        String licenses = pom.substring(start, pom.indexOf("</licenses>"));
        assertTrue(licenses.contains("<name>Apache-2.0</name>"), licenses);
        assertTrue(licenses.contains("<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>"), licenses);
    }

    @Test
    @SuppressWarnings("unchecked")
    void citationFileIsCff120() throws Exception {
        Path cff = Cli.root().resolve("CITATION.cff");
        Map<String, Object> c = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(cff));
        for (String key : c.keySet()) {
            assertTrue(CFF_KEYS.contains(key), "not a CFF 1.2.0 key: " + key);
        }
        assertEquals("1.2.0", c.get("cff-version"));
        assertTrue(c.get("message") instanceof String m && !m.isBlank(), "message");
        assertTrue(c.get("title") instanceof String t && t.startsWith("Ferrel"), "title");
        assertEquals(List.of(Map.of("name", "The Ferrel developers")), c.get("authors"));
        assertEquals("Apache-2.0", c.get("license"));
        assertEquals("software", c.get("type"));
        List<Object> keywords = (List<Object>) c.get("keywords");
        assertFalse(keywords.isEmpty());
        assertEquals(keywords.size(), Set.copyOf(keywords).size(), "keywords are unique");
        assertTrue(keywords.stream().allMatch(k -> k instanceof String s && !s.isBlank()), "keywords are strings");
    }
}
