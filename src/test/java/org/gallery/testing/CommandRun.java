package org.gallery.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of a command-line command in-process, with what it printed on each stream. */
public record CommandRun(int exit, String out, String err) {

    public static CommandRun of(CommandLine line, String... args) {
        var o = new StringWriter();
        var e = new StringWriter();
        line.setOut(new PrintWriter(o, true));
        line.setErr(new PrintWriter(e, true));
        int exit = line.execute(args);
        return new CommandRun(exit, o.toString(), e.toString());
    }
}
