package io.hookwright.authoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line of a printed block leads back to the document field it was printed from. */
class ErrorFieldsTest {
    private static final String BLOCK = """
            webhook('erp_budget') {
                label en: 'ERP budget', fr: 'Budget ERP'
                on 'Project:Updated'
                filter {
                    field('Budget') > 10000
                    anyOf {
                        field('Stage') == 'Approved'
                        changed 'Status'
                    }
                }
                request {
                    post 'https://erp.example.com/hooks'
                    header 'Content-Type', 'application/json'
                    header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                    body '''{
                      "key": ${entity.key
                    }'''
                }
                execution {
                    timeout '5s'
                    retry '5s', '5m'
                }
            }
            """;

    @Test
    void eachLineIsTheFieldItWasPrintedFrom() {
        List<String> fields = new ArrayList<>();
        for (int line = 1; line <= 23; line++) {
            fields.add(ErrorFields.at(BLOCK, line).orElse("-"));
        }
        assertEquals(List.of("-", "label", "eventTypes", "filter", "filter[0]", "filter[1]", "filter[1]", "filter[1]",
                "filter[1]", "filter[1]", "url", "url", "headers[0]", "headers[1]", "body", "body", "body", "body",
                "execution", "execution.timeout", "execution.retry", "execution.retry", "execution.retry"), fields);
    }

    @Test
    void aLineOutsideTheBlockIsNoField() {
        assertEquals(Optional.empty(), ErrorFields.at(BLOCK, 0));
        assertEquals(Optional.empty(), ErrorFields.at(BLOCK, 99));
    }
}
