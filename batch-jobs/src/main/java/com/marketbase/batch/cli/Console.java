package com.marketbase.batch.cli;

import java.io.PrintStream;

/**
 * Where the CLI talks to its user: results on standard output, refusals on standard
 * error. The only place in the application that writes to the terminal directly.
 */
public final class Console {

	private final PrintStream out;

	private final PrintStream err;

	public Console(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * A console on the process's standard streams.
	 * @return the console
	 */
	public static Console system() {
		return new Console(System.out, System.err);
	}

	public void say(String line) {
		this.out.println(line);
		this.out.flush();
	}

	public void refuse(String line) {
		this.err.println(line);
		this.err.flush();
	}

}
