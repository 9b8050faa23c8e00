package com.marketbase.batch.rollout;

/**
 * A change of a switch that was refused before anything was written: an unknown switch, a
 * missing or overlong reason, or a special permission no probe has shown. The message is
 * one line saying what to do.
 */
public class SwitchRefusedException extends IllegalArgumentException {

	public SwitchRefusedException(String message) {
		super(message);
	}

}
