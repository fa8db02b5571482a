package org.ferrel.autodiff.loop;

/** Where a checkpoint snapshot is kept. */
public enum Tier {
    MEMORY,
    DISK
}
