// Beads: enhances the native radio groups of stage 1 (drag, arrow keys, save at once).
