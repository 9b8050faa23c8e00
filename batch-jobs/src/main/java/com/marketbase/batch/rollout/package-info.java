/**
 * The roadmap's rollout switches: batch switches (P0, P1, P2) and module switches, kept
 * in the warehouse with an append-only trail of every change, and enforced on every
 * launch of a dataset's job, whether from the command line, the console, the chain or the
 * schedule.
 */
@NullMarked
package com.marketbase.batch.rollout;

import org.jspecify.annotations.NullMarked;
