package org.gallery.export;

import java.util.ArrayList;
import java.util.List;
import org.gallery.jobs.JobItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An image an export job has written, as its committed result records it: its plan, entries and last byte. */
record WrittenItem(ExportItems.Plan plan, List<ZipWriter.Entry> entries, long end) {

    /** Where its first entry starts in the archive. */
    long start() {
        return entries.getFirst().offset();
    }

    static WrittenItem of(JobItem item, JsonMapper json) {
        JsonNode result = json.readTree(item.result());
        List<ZipWriter.Entry> entries = entries(result);
        // results recorded before the end was: past the start of the last entry is all that is known
        long end = result.has("end") ? result.get("end").asLong()
                : entries.stream().mapToLong(ZipWriter.Entry::offset).max().orElse(-1) + 1;
        return new WrittenItem(plan(item, json), entries, end);
    }

    static ExportItems.Plan plan(JobItem item, JsonMapper json) {
        JsonNode p = json.readTree(item.plan());
        return new ExportItems.Plan(item.itemId(), p.get("folder").asString(), p.get("stem").asString(),
                p.get("ext").asString(), p.get("render").asBoolean());
    }

    static List<ZipWriter.Entry> entries(JsonNode result) {
        List<ZipWriter.Entry> entries = new ArrayList<>();
        for (JsonNode e : result.get("entries")) {
            entries.add(new ZipWriter.Entry(e.get(0).asString(), e.get(1).asInt(), e.get(2).asLong(),
                    e.get(3).asLong(), e.get(4).asLong(), e.get(5).asLong(), e.get(6).asLong(), e.get(7).asBoolean()));
        }
        return entries;
    }
}
