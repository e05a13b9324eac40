package io.autoflow.analytics.extract;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import technology.tabula.Ruling;

/**
 * A ruled table drawn without its outer frame (row lines running out to the page's text, no line down the side)
 * leaves tabula's lattice mode without the cells of its first or last column. Where at least {@link #MIN_LINES}
 * parallel rulings end at the same place, this adds the missing side: a line across their ends.
 */
final class RulingFrames {

    private static final int MIN_LINES = 3;
    /** Lines further apart than this many times their usual spacing belong to different tables. */
    private static final float MAX_SPACING = 2.5f;
    /** Ends this close (in points) are the same place. */
    private static final float SAME_END = 2;

    private RulingFrames() {
    }

    /** The page's rulings with the sides that close their open ends. */
    static List<Ruling> closed(List<Ruling> rulings) {
        List<Ruling> horizontal = rulings.stream().filter(Ruling::horizontal).toList();
        List<Ruling> vertical = rulings.stream().filter(Ruling::vertical).toList();
        List<Ruling> all = new ArrayList<>(rulings);
        all.addAll(sides(horizontal, Ruling::getLeft, true));
        all.addAll(sides(horizontal, Ruling::getRight, true));
        all.addAll(sides(vertical, Ruling::getTop, false));
        all.addAll(sides(vertical, Ruling::getBottom, false));
        return all;
    }

    /** For each group of lines whose ends are at one place, the line across those ends. */
    private static List<Ruling> sides(List<Ruling> lines, Function<Ruling, Float> end, boolean horizontal) {
        List<Ruling> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> Float.compare(end.apply(a), end.apply(b)));
        List<Ruling> sides = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= sorted.size(); i++) {
            if (i < sorted.size() && end.apply(sorted.get(i)) - end.apply(sorted.get(i - 1)) <= SAME_END) {
                continue;
            }
            if (i - from >= MIN_LINES) {
                float at = end.apply(sorted.get(from));
                for (float[] span : spans(sorted.subList(from, i))) {
                    sides.add(horizontal ? new Ruling(new Point2D.Float(at, span[0]), new Point2D.Float(at, span[1]))
                            : new Ruling(new Point2D.Float(span[0], at), new Point2D.Float(span[1], at)));
                }
            }
            from = i;
        }
        return sides;
    }

    /**
     * Where lines ending at one place follow each other at a table's spacing: two tables one above the other, with
     * a caption between them, are two spans, or the side would join them into one grid.
     */
    private static List<float[]> spans(List<Ruling> group) {
        float[] positions = new float[group.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = group.get(i).getPosition();
        }
        Arrays.sort(positions);
        float[] gaps = new float[positions.length - 1];
        for (int i = 1; i < positions.length; i++) {
            gaps[i - 1] = positions[i] - positions[i - 1];
        }
        float[] sortedGaps = gaps.clone();
        Arrays.sort(sortedGaps);
        float usual = sortedGaps[sortedGaps.length / 2];
        List<float[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= positions.length; i++) {
            if (i == positions.length || gaps[i - 1] > MAX_SPACING * usual) {
                if (i - start >= MIN_LINES) {
                    spans.add(new float[] {positions[start], positions[i - 1]});
                }
                start = i;
            }
        }
        return spans;
    }
}
