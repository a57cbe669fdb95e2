/** A JSON scalar: what a flattened event field holds. */
export type LeafValue = string | number | boolean | null;
