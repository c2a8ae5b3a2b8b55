package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event types the engine does not know are warned of where they are written, with the known type they are closest
 * to; the definitions still load (a host may publish types of its own), and known types and wildcards over them pass.
 */
class UnknownEventTypesTest {
    @TempDir
    Path dir;

    private List<DefinitionError> warnings(String on) {
        LoadResult result = new Definitions(dir).file("hooks.groovy", """
                webhook('audit') {
                    %s
                    request { post 'https://x.example.com/' }
                }
                """.formatted(on)).loadValid();
        return UnknownEventTypes.in(result.ruleSet());
    }

    private DefinitionError single(String on) {
        List<DefinitionError> warnings = warnings(on);
        assertEquals(1, warnings.size(), () -> Definitions.format(warnings));
        return warnings.get(0);
    }

    @Test
    void aMisspeltActionIsWarnedOfAtItsPlaceWithTheTypeMeant() {
        DefinitionError warning = single("on 'Project:Created', 'Project:Udpated'");
        assertEquals("hooks.groovy:2:28", warning.file() + ":" + warning.line() + ":" + warning.column());
        assertEquals("webhook 'audit' listens to 'Project:Udpated', an event type the engine does not know: did you "
                + "mean 'Project:Updated'? (fine if the host publishes a type of its own by that name)", warning.message());
    }

    @Test
    void aMisspeltOrMiswrittenEntityIsToldTheTypeMeant() {
        assertTrue(single("on 'Projcet:Updated'").message().contains("did you mean 'Project:Updated'?"));
        assertTrue(single("on 'project:updated'").message().contains("did you mean 'Project:Updated'?"));
        assertTrue(single("on 'KeyData:Deleted'").message().contains("did you mean 'KeyDate:Deleted'?"));
        assertTrue(single("on 'Usr:LogedOut'").message().contains("did you mean 'User:LoggedOut'?"));
    }

    @Test
    void wildcardsOverAnUnknownPartAreWarnedOfToo() {
        assertTrue(single("on 'Projet:*'").message().contains("did you mean 'Project:*'?"));
        assertTrue(single("on '*:Delted'").message().contains("did you mean '*:Deleted'?"));
    }

    @Test
    void aTypeFarFromEveryKnownOneSaysWhatIsKnownAndThatAHostsOwnTypeIsFine() {
        String message = single("on 'Invoice:Paid'").message();
        assertTrue(message.startsWith("webhook 'audit' listens to 'Invoice:Paid', an event type the engine does not "
                + "know (it knows Project, Idea, Task, KeyDate, User and more"), message);
        assertTrue(message.endsWith("fine if the host publishes a type of its own by that name; if not, the webhook "
                + "never fires"), message);
    }

    @Test
    void knownTypesAndWildcardsPass() {
        assertEquals(List.of(), warnings("on 'Project:Created', 'Idea:Updated', 'Task:Deleted', 'KeyDate:Updated', "
                + "'Task:*', '*:Deleted', '*:*', 'User:LoggedOut', 'ApiKey:*', 'Invite:Created', 'Portfolio:Updated', "
                + "'Hookwright:*', 'Hookwright:WebhookDeactivated', '*:LoggedOut'"));
    }

    @Test
    void theEnginesOwnEventsAreKnownAndAMisspeltOneIsNamed() {
        assertEquals(List.of(), warnings("on 'Hookwright:WebhookActivated', 'Hookwright:AttemptsExhausted', "
                + "'Hookwright:EndpointRecovered', 'Hookwright:FailuresRising', '*:FailuresRising'"));
        assertTrue(single("on 'Hookwright:FailureRising'").message().contains("did you mean 'Hookwright:FailuresRising'?"));
        assertTrue(single("on 'Hookwrite:WebhookDeactivated'").message()
                .contains("did you mean 'Hookwright:WebhookDeactivated'?"));
    }

    @Test
    void eachUnknownTypeOfEachWebhookIsWarnedOf() {
        LoadResult result = new Definitions(dir).file("a.groovy", """
                webhook('one') {
                    on 'Project:Udpated'
                    request { post 'https://x.example.com/' }
                }
                webhook('two') {
                    on 'Task:Done', 'Task:Updated'
                    request { post 'https://x.example.com/' }
                }
                """).loadValid();
        List<DefinitionError> warnings = UnknownEventTypes.in(result.ruleSet());
        assertEquals(List.of("a.groovy:2:9", "a.groovy:6:9"),
                warnings.stream().map(w -> w.file() + ":" + w.line() + ":" + w.column()).toList());
        assertTrue(warnings.get(1).message().startsWith("webhook 'two' listens to 'Task:Done'"), warnings.get(1).message());
    }
}
