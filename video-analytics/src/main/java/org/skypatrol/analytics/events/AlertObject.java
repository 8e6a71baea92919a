package org.skypatrol.analytics.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object involved in an alert.
 *
 * @param trackId   tracker id
 * @param cls       class name (person, bicycle, car, truck, static_object...); {@code "class"} on the wire
 * @param bbox      [left, top, width, height] in pixels of the analysed frame
 * @param speedMps  ground speed in m/s, or null
 * @param ground    [x east, y north] metres, or null
 * @param lat       latitude when the scene has a geographic reference, or null
 * @param lon       longitude, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertObject(int trackId, @JsonProperty("class") String cls, List<Integer> bbox, Double speedMps,
                          List<Double> ground, Double lat, Double lon) {
}
