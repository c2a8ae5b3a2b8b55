package io.hookwright.cli;

import io.hookwright.delivery.TargetPolicy;
import io.hookwright.render.Secrets;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --secrets}, {@code --allow-target} and {@code --require-https}: what a command that sends needs. */
final class SendOptions {
    @Option(names = "--secrets", paramLabel = "FILE", description = "secrets file (NAME=value lines); "
            + "HOOKWRIGHT_SECRET_<NAME> environment variables are read too and win")
    Path secretsFile;

    @Option(names = "--allow-target", paramLabel = "HOST[:PORT]|CIDR", converter = AllowedConverter.class, split = ",",
            description = "let requests reach this loopback, private or link-local target (repeatable, or several "
                    + "separated by commas)")
    List<TargetPolicy.Allowed> allowed = new ArrayList<>();

    @Option(names = "--require-https", description = "refuse plain http targets")
    boolean requireHttps;

    Secrets secrets() {
        try {
            return Secrets.load(System.getenv(), secretsFile);
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read the secrets file " + secretsFile + ": " + e.getMessage());
        }
    }

    TargetPolicy targetPolicy() {
        return new TargetPolicy(allowed, requireHttps);
    }

    /** A bad value is a usage error that names it, before anything is opened or sent. */
    static final class AllowedConverter implements ITypeConverter<TargetPolicy.Allowed> {
        @Override
        public TargetPolicy.Allowed convert(String value) {
            try {
                return TargetPolicy.Allowed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
