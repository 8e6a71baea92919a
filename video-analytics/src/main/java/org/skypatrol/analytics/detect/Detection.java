package org.skypatrol.analytics.detect;

/**
 * One object found in one frame.
 *
 * @param box     pixels of the full frame
 * @param cls     class (the classical detector may say UNKNOWN and leave the class to the tracker)
 * @param score   confidence 0..1
 * @param staticObject true when the detector found it as newly static (foreground to the slow
 *                background model, background to the fast one)
 * @param people  how many people the detection holds (0 = not people-shaped): 1 for a person; for
 *                a blob of people merged together, an estimate from its foreground area
 *                ({@link PeopleEstimate})
 * @param changing share (0..1) of the blob that changed since the previous analysed frame: near 1
 *                for people walking or a vehicle driving, low for people standing or milling about
 *                in place; NaN when the detector does not measure it
 */
public record Detection(Box box, ObjectClass cls, double score, boolean staticObject, double people,
                        double changing) {

    /** A detection of one object: one person if it is a person, else no people; change not measured. */
    public Detection(Box box, ObjectClass cls, double score, boolean staticObject) {
        this(box, cls, score, staticObject, cls == ObjectClass.PERSON ? 1 : 0, Double.NaN);
    }
}
