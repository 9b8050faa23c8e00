/**
 * The rollout switches on the console: every switch with its effective value, the trail
 * of changes beside them and the recorded permission probes; operators change a switch
 * with a reason.
 */
@NullMarked
package com.marketbase.console.rollout;

import org.jspecify.annotations.NullMarked;
