package org.skypatrol.analytics.detect;

/**
 * One object found in one frame.
 *
 * @param box     pixels of the full frame
 * @param cls     class (the classical detector may say UNKNOWN and leave the class to the tracker)
 * @param score   confidence 0..1
 * @param staticObject true when the detector found it as newly static (foreground to the slow
 *                background model, background to the fast one)
 */
public record Detection(Box box, ObjectClass cls, double score, boolean staticObject) {
}
