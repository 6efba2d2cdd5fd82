package org.gallery.imaging;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libvips loaded through the JDK's foreign function API: no JNI glue to build and ship, only the system's
 * libvips. Handles are made on first use, one per C signature, because a variadic C function needs a separate
 * downcall handle for every combination of optional arguments it is called with.
 */
final class VipsLibrary {

    static final int SIZE_DOWN = 2;
    static final int INTERPRETATION_CMYK = 15;
    static final int FORMAT_UCHAR = 0;
    static final int FAIL_ON_TRUNCATED = 1;
    static final int ACCESS_SEQUENTIAL = 1;
    static final int KERNEL_CUBIC = 2;
    static final int INTERESTING_ATTENTION = 3;
    static final int MAX_COORD = 10_000_000;

    private static final long CACHE_MAX_MEM = 16L << 20;

    private static final String INSTALL_HINT = "libvips not found: apt install libvips42 (Debian/Ubuntu), "
            + "dnf install vips (Fedora), brew install vips (macOS), or put the libvips DLL bundle on PATH (Windows)";

    private static volatile VipsLibrary instance;
    private static volatile String loadError;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup symbols;
    private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();
    private final String version;

    private VipsLibrary(SymbolLookup symbols) {
        this.symbols = symbols;
        silenceWarnings();
        try (Arena arena = Arena.ofConfined()) {
            if (callInt("vips_init", arena.allocateFrom("gallery")) != 0) {
                throw new IllegalStateException("vips_init failed: " + takeError());
            }
        }
        // One worker per call: Gallery runs several thumbnails side by side, which uses the cores better than
        // libvips' own threads on one image, and keeps memory per worker predictable.
        callVoid("vips_concurrency_set", 1);
        // The operation cache only pays off when the same image is processed again within the process.
        callVoid("vips_cache_set_max", 0);
        callVoid("vips_cache_set_max_mem", CACHE_MAX_MEM);
        this.version = callPointer("vips_version_string").reinterpret(64).getString(0);
    }

    /**
     * libvips prints a warning to stderr for every harmless oddity of a file ("unknown EXIF resolution unit"),
     * one or more per image, which would bury the service's log. Failures still reach Gallery through the error
     * buffer. vips_init reads VIPS_WARNING, so it is set (unless the user set it) before that call.
     */
    private void silenceWarnings() {
        linker.defaultLookup().find("setenv").ifPresent(setenv -> {
            try (Arena arena = Arena.ofConfined()) {
                linker.downcallHandle(setenv, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                                ValueLayout.ADDRESS, ValueLayout.JAVA_INT))
                        .invokeWithArguments(arena.allocateFrom("VIPS_WARNING"), arena.allocateFrom("0"), 0);
            } catch (Throwable ignored) {
                // only the log stays noisier
            }
        });
    }

    /** The loaded library, or null with {@link #loadError()} saying why. Initialises libvips on first call. */
    static VipsLibrary get() {
        VipsLibrary loaded = instance;
        if (loaded != null || loadError != null) {
            return loaded;
        }
        synchronized (VipsLibrary.class) {
            if (instance == null && loadError == null) {
                try {
                    instance = new VipsLibrary(lookup());
                } catch (RuntimeException | LinkageError e) {
                    loadError = e.getMessage() == null ? e.toString() : e.getMessage();
                }
            }
            return instance;
        }
    }

    static String loadError() {
        get();
        return loadError;
    }

    String version() {
        return version;
    }

    private static SymbolLookup lookup() {
        SymbolLookup vips = firstLoadable(vipsNames());
        if (vips == null) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        // GLib's functions are found through libvips' dependencies on Linux and macOS; Windows looks only in the
        // named DLL, so GLib and GObject are added explicitly when they can be found.
        SymbolLookup all = vips;
        for (List<String> names : List.of(
                List.of("libglib-2.0.so.0", "libglib-2.0.0.dylib", "libglib-2.0-0.dll"),
                List.of("libgobject-2.0.so.0", "libgobject-2.0.0.dylib", "libgobject-2.0-0.dll"))) {
            SymbolLookup extra = firstLoadable(names);
            if (extra != null) {
                all = all.or(extra);
            }
        }
        return all;
    }

    private static List<String> vipsNames() {
        List<String> names = new ArrayList<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            names.add("libvips-42.dll");
        } else if (os.contains("mac")) {
            names.add("libvips.42.dylib");
            // Homebrew's prefix on Apple silicon is not on dlopen's default search path.
            names.add("/opt/homebrew/lib/libvips.42.dylib");
            names.add("/usr/local/lib/libvips.42.dylib");
        } else {
            names.add("libvips.so.42");
        }
        return names;
    }

    private static SymbolLookup firstLoadable(List<String> names) {
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notHere) {
                // try the next name
            }
        }
        return null;
    }

    // ---- calls -------------------------------------------------------------------------------------------

    int callInt(String function, Object... args) {
        return (int) invoke(function, ValueLayout.JAVA_INT, -1, args);
    }

    /** Calls a variadic function whose first {@code fixed} arguments are declared; the rest are C varargs. */
    int callVarargs(String function, int fixed, Object... args) {
        return (int) invoke(function, ValueLayout.JAVA_INT, fixed, args);
    }

    long callLong(String function, Object... args) {
        return (long) invoke(function, ValueLayout.JAVA_LONG, -1, args);
    }

    MemorySegment callPointer(String function, Object... args) {
        return (MemorySegment) invoke(function, ValueLayout.ADDRESS, -1, args);
    }

    MemorySegment callPointerVarargs(String function, int fixed, Object... args) {
        return (MemorySegment) invoke(function, ValueLayout.ADDRESS, fixed, args);
    }

    void callVoid(String function, Object... args) {
        invoke(function, null, -1, args);
    }

    /** libvips' error text since the last call, cleared so the next failure reports only itself. */
    String takeError() {
        MemorySegment buffer = callPointer("vips_error_buffer");
        String message = buffer.equals(MemorySegment.NULL) ? "" : buffer.reinterpret(4096).getString(0).strip();
        callVoid("vips_error_clear");
        return message.isEmpty() ? "unknown libvips error" : message;
    }

    void unref(MemorySegment object) {
        if (object != null && !object.equals(MemorySegment.NULL)) {
            callVoid("g_object_unref", object);
        }
    }

    private Object invoke(String function, MemoryLayout result, int fixed, Object[] args) {
        MemoryLayout[] layouts = new MemoryLayout[args.length];
        StringBuilder key = new StringBuilder(function).append('/').append(fixed).append('/');
        for (int i = 0; i < args.length; i++) {
            layouts[i] = layout(args[i]);
            key.append(code(layouts[i]));
        }
        key.append('/').append(result == null ? 'v' : code(result));
        MethodHandle handle = handles.computeIfAbsent(key.toString(), k -> downcall(function, result, fixed, layouts));
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libvips call " + function + " failed", e);
        }
    }

    private MethodHandle downcall(String function, MemoryLayout result, int fixed, MemoryLayout[] layouts) {
        MemorySegment address = symbols.find(function)
                .orElseThrow(() -> new IllegalStateException("libvips has no function " + function));
        FunctionDescriptor descriptor = result == null
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(result, layouts);
        return fixed < 0
                ? linker.downcallHandle(address, descriptor)
                : linker.downcallHandle(address, descriptor, Linker.Option.firstVariadicArg(fixed));
    }

    private static char code(MemoryLayout layout) {
        return layout.equals(ValueLayout.ADDRESS) ? 'p'
                : layout.equals(ValueLayout.JAVA_INT) ? 'i'
                : layout.equals(ValueLayout.JAVA_LONG) ? 'l' : 'd';
    }

    private static MemoryLayout layout(Object arg) {
        return switch (arg) {
            case MemorySegment ignored -> ValueLayout.ADDRESS;
            case Integer ignored -> ValueLayout.JAVA_INT;
            case Long ignored -> ValueLayout.JAVA_LONG;
            case Double ignored -> ValueLayout.JAVA_DOUBLE;
            default -> throw new IllegalArgumentException("No C layout for " + arg.getClass());
        };
    }
}
