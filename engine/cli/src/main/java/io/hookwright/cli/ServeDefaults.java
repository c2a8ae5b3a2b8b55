package io.hookwright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Values of {@code serve}'s options that the command line leaves out: from the environment
 * ({@code HOOKWRIGHT_PORT} for {@code --port}, {@code HOOKWRIGHT_DB_URL} for {@code --db-url}), else from the
 * properties file {@code --config FILE} (or {@code HOOKWRIGHT_CONFIG}) names ({@code port = 8080}); else the
 * option's own default. The command line wins over both, the environment over the file, so one file serves every
 * node and each node changes what it must.
 */
final class ServeDefaults implements CommandLine.IDefaultValueProvider {
    static final String COMMAND = "serve";
    static final String CONFIG_OPTION = "--config";
    static final String CONFIG_ENV = "HOOKWRIGHT_CONFIG";
    private static final String ENV_PREFIX = "HOOKWRIGHT_";
    /** Options that are about the command line itself, not about what serve does. */
    private static final Set<String> NOT_SETTABLE = Set.of("config", "help", "version");

    /** A value from the file, and the line it is on. */
    private record Setting(String value, int line) {
    }

    private final Map<String, String> env;
    private final Path file;
    private final Map<String, Setting> settings;

    private ServeDefaults(Map<String, String> env, Path file, Map<String, Setting> settings) {
        this.env = env;
        this.file = file;
        this.settings = settings;
    }

    /**
     * Reads the config file named on a {@code serve} command line, or by {@link #CONFIG_ENV}; checks that every key in
     * it is one of serve's options.
     *
     * @throws CommandFailure naming the file, and the line, of what is wrong with it
     */
    static ServeDefaults read(String[] args, Map<String, String> env, CommandSpec serve) {
        if (args.length == 0 || !args[0].equals(COMMAND)) {
            return new ServeDefaults(Map.of(), null, Map.of());
        }
        Path file = configFile(args).or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).filter(s -> !s.isBlank())
                .map(Path::of)).orElse(null);
        Map<String, Setting> settings = file == null ? Map.of() : parse(file);
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : serve.options()) {
            String key = key(option);
            if (!NOT_SETTABLE.contains(key)) {
                known.add(key);
            }
        }
        settings.forEach((key, setting) -> {
            if (!known.contains(key)) {
                throw CommandFailure.usage(file + ":" + setting.line() + ": '" + key + "' is not an option of serve; "
                        + "the file may set " + String.join(", ", known));
            }
        });
        return new ServeDefaults(env, file, settings);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !COMMAND.equals(option.command().name())) {
            return null;
        }
        String key = key(option);
        if (NOT_SETTABLE.contains(key)) {
            return null;
        }
        String fromEnv = env.get(envName(key));
        if (fromEnv != null) {
            return fromEnv;
        }
        Setting setting = settings.get(key);
        return setting == null ? null : setting.value();
    }

    /** Where an option's value came from when not from the command line, for an error about that value. */
    Optional<String> origin(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !COMMAND.equals(option.command().name())) {
            return Optional.empty();
        }
        String key = key(option);
        if (env.containsKey(envName(key))) {
            return Optional.of("the environment variable " + envName(key));
        }
        Setting setting = settings.get(key);
        return setting == null ? Optional.empty() : Optional.of(file + ":" + setting.line());
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static Optional<Path> configFile(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(CONFIG_OPTION)) {
                if (i + 1 >= args.length) {
                    throw CommandFailure.usage(CONFIG_OPTION + " needs a FILE");
                }
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return Optional.of(Path.of(args[i].substring(CONFIG_OPTION.length() + 1)));
            }
        }
        return Optional.empty();
    }

    /** {@code key = value} lines; {@code #} and {@code !} start comments; a key given twice is refused. */
    private static Map<String, Setting> parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CommandFailure.usage("config file " + file + " does not exist");
        } catch (IOException e) {
            throw CommandFailure.usage("config file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw CommandFailure.usage(file + ":" + number + ": expected 'option = value', e.g. 'port = 8080'");
            }
            String key = line.substring(0, equals).strip().replaceFirst("^--", "");
            Setting earlier = settings.put(key, new Setting(line.substring(equals + 1).strip(), number));
            if (earlier != null) {
                throw CommandFailure.usage(file + ":" + number + ": '" + key + "' is set already on line "
                        + earlier.line());
            }
        }
        return settings;
    }
}
