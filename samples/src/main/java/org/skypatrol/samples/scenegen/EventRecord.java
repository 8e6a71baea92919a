package org.skypatrol.samples.scenegen;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One alert phase in the events JSONL contract (docs/scene-format.md, "Events"): what the generator
 * writes as truth and what the evaluator reads back from {@code analyze --events}. Unknown fields
 * of the analytics' richer events are ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"behaviour", "phase", "videoTimeSeconds", "frame", "zoneId", "objects"})
public record EventRecord(String behaviour, String phase, double videoTimeSeconds, long frame, String zoneId,
                          List<EventObject> objects) {

    public EventRecord {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    @JsonIgnore
    public boolean isStart() {
        return "start".equals(phase);
    }

    /** One object of an alert: track id, class name, bbox [left, top, width, height] in pixels. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventObject(int trackId, @JsonProperty("class") String cls, List<Integer> bbox) {
    }
}
