package org.skypatrol.analytics.detect;

/**
 * How many people a foreground blob holds. Background subtraction merges a group of people standing
 * or walking close together into one blob (a crowd 30 m away is two or three blobs for twelve
 * people), so counting blobs or tracks cannot tell twelve people from eight. A blob that has a
 * person's upright height but several people's width is counted by its foreground area over one
 * person's area at the blob's own ground scale:
 * <ul>
 *   <li>oblique views: a standing adult's silhouette, {@link #PERSON_SILHOUETTE_M2} (0.5 m shoulders
 *   x 1.7 m), in pixels at the blob's horizontal metres per pixel (the scale {@link SizeClassifier}
 *   also uses for upright heights); blobs from {@link SizeClassifier#PERSON_MIN_HEIGHT} up to
 *   {@link #GROUP_MAX_HEIGHT} tall (people standing at different depths stack up in the image) that
 *   are not of an object's size (narrower than 1.3 m and not person-shaped);</li>
 *   <li>straight-down views: a person's footprint seen from above with its shadow and blur,
 *   {@link #PERSON_FOOTPRINT_M2} (0.5 x 0.3 m shoulders, ~0.3 m^2 of shadow and blur); blobs up to
 *   {@link #GROUP_MAX_LENGTH} long.</li>
 * </ul>
 * A blob sized as one person counts one (its shadow and motion blur make it look like 1.2-1.5
 * silhouettes); a group at least one. Occlusion inside a dense group makes the estimate low and the
 * mask's closing between people makes it high; on the generator's plaza (twelve against eight people
 * 30 m away) both stay within about 15 %. The estimate says nothing about what the blob is: a car
 * has a person's height too, so the crowd rules count estimates only off the road.
 */
public final class PeopleEstimate {

    /** Area of a standing adult's silhouette, square metres (0.5 m wide, 1.7 m tall). */
    public static final double PERSON_SILHOUETTE_M2 = 0.5 * 1.7;
    /** Area of a person seen from straight above with shadow and blur, square metres. */
    public static final double PERSON_FOOTPRINT_M2 = 0.5;
    /** Tallest oblique blob still counted as people: a group 5-10 m deep seen 20-40 degrees down. */
    public static final double GROUP_MAX_HEIGHT = 4.5;
    /** Longest straight-down blob still counted as people. */
    public static final double GROUP_MAX_LENGTH = 12;

    private PeopleEstimate() {
    }

    /**
     * People in a blob.
     *
     * @param size        the blob's ground size ({@link SizeClassifier#measure})
     * @param sizeClass   its class by size alone ({@link SizeClassifier#classify}), before any
     *                    "still, so an object" override: a person standing still is still a person
     * @param areaPixels  foreground pixels of the blob, in pixels of the full frame
     * @param widthPixels the blob's box width in pixels of the full frame
     * @return 0 when the blob is not people-shaped, 1 for one person, else the estimate (>= 1)
     */
    public static double people(SizeClassifier.GroundSize size, ObjectClass sizeClass, double areaPixels,
                                double widthPixels) {
        if (sizeClass == ObjectClass.PERSON) {
            return 1;
        }
        double mpp = size.widthMetres() / Math.max(1, widthPixels);
        double areaM2 = areaPixels * mpp * mpp;
        if (size.nadir()) {
            if (size.longest() > GROUP_MAX_LENGTH || sizeClass == ObjectClass.STATIC_OBJECT) {
                return 0;
            }
            return atLeastOne(areaM2 / PERSON_FOOTPRINT_M2);
        }
        double h = size.lengthMetres();
        if (h < SizeClassifier.PERSON_MIN_HEIGHT || h >= GROUP_MAX_HEIGHT || sizeClass == ObjectClass.STATIC_OBJECT) {
            return 0;                                   // too flat, too tall, or an object's size
        }
        return atLeastOne(areaM2 / PERSON_SILHOUETTE_M2);
    }

    /**
     * A blob of less than two people's area is one person: a lone walker's shadow and motion blur
     * make them 1.2-1.7 times a bare silhouette (footprint), and two people cannot fit in less.
     */
    private static double atLeastOne(double n) {
        return n < 2 ? 1 : n;
    }
}
