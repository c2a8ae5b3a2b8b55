package io.hookwright.authoring;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.dsl.write.PrintResult;
import io.hookwright.dsl.write.WebhookPrinter;

import java.util.Optional;

/** A document as the Groovy of its {@code webhook('code') { … }} block, and why a definition has no document. */
final class DocumentGroovy {
    private DocumentGroovy() {
    }

    /** The block, as {@link WebhookPrinter} writes it; {@link BadDocument} when the document cannot be one. */
    static String block(WebhookDocument doc, String file) {
        WebhookDefinition definition = DocumentModel.definition(doc, file);
        return switch (WebhookPrinter.print(definition)) {
            case PrintResult.Printed printed -> printed.groovy();
            case PrintResult.NotPrintable refused -> throw BadDocument.value("(document)", refused.message());
        };
    }

    /** Why a loaded definition cannot be edited as a document (a where closure), or empty when it can. */
    static Optional<String> notEditable(WebhookDefinition definition) {
        return WebhookPrinter.print(definition) instanceof PrintResult.NotPrintable refused
                ? Optional.of("the definition " + refused.message()) : Optional.empty();
    }
}
