package io.hookwright.dsl.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SmokeTest {
    @Test
    void design(@TempDir Path dir) {
        var r = new Definitions(dir).file("a.groovy", """
                webhook('sharepoint_space') {
                    label 'Create SharePoint space'
                    description 'New Digital projects get a SharePoint site'
                    owner 'anna.doe@company.com'
                    active true
                    on 'Project:Created'
                    tenant 'acme'
                    filter {
                        field('Portfolio').contains 'Digital'
                        field('Budget') > 10_000
                        field('Stage').in 'Approved', 'Active'
                        field('Name').matches '^AI'
                        field('Manager').present()
                        changed 'Status'
                        changed('Status').from('On track').to('Done')
                        field('parent.id') == '6261612a8f1e99002e5c8cce'
                        anyOf { field('A') == 1; field('B') != 2 }
                        not { field('C') >= 3 }
                        where { e -> e.attributes.Budget > e.before.Budget }
                    }
                    request {
                        post 'https://sp.example.com/_api/sites/${entity.id}'
                        header 'Authorization', 'Bearer ${secrets.SP_TOKEN}'
                        header 'Content-Type', 'application/json'
                        body template('sharepoint_site.ftl')
                        signingSecret 'SP_SIGNING'
                    }
                    execution {
                        synchronous false
                        transaction 'inside'
                        timeout '5s'
                    }
                }
                """).template("sharepoint_site.ftl", "{\"id\": \"${entity.id}\"}").load();
        System.out.println(r.errors());
        System.out.println(r.ruleSet());
        var bad = new Definitions(dir.resolve("x")).file("b.groovy", """
                webhook('Bad-Code') {
                    lable 'x'
                    on 'Project'
                    filter { field('x') }
                    request { post "https://x/${1}" }
                    execution { transaction 'insde'; timeout 'abc' }
                }
                def s = 'ls'; s.execute()
                System.exit(0)
                """).load();
        bad.errors().forEach(e -> System.out.println(e.format()));
        var bad2 = new Definitions(dir.resolve("y")).file("b.groovy", """
                webhook('Bad-Code') {
                    on 'Project'
                    filter { field('x') }
                    request { post 'https://x/${1}'; body template('nope.ftl') }
                    execution { transaction 'insde'; timeout 'abc' }
                }
                """).load();
        bad2.errors().forEach(e -> System.out.println(e.format()));
    }
}
