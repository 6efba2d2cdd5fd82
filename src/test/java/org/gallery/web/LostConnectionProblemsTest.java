package org.gallery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.gallery.testing.Db;
import org.gallery.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When PostgreSQL goes away in the middle of a transaction (stopped, restarted, the connection killed), the
 * statement, the commit or the rollback fails on a closed connection: each is a temporary 503 with a problem body,
 * not a 500. SQLite runs in the process and has no connection to lose.
 */
class LostConnectionProblemsTest {

    @Test
    void aTransactionWhoseConnectionTheServerClosedIsA503() {
        TestApp app = TestApp.of(Db.POSTGRES);
        var transactions = new TransactionTemplate(app.context.getBean(PlatformTransactionManager.class));

        // the server ends this very connection, as a fast shutdown ends every one
        var lost = catchThrowableOfType(RuntimeException.class, () -> transactions.executeWithoutResult(
                status -> app.sql().execute("select pg_terminate_backend(pg_backend_pid())")));

        var answer = new ProblemHandler().unexpected(lost);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNotNull();
        assertThat(answer.getBody().getDetail()).containsAnyOf("cannot be reached", "connection to the database was lost");
        // and the pool hands out a working connection afterwards
        assertThat(app.sql().fetchValue("select 1")).isEqualTo(1);
    }

    @Test
    void aCommitOnAConnectionEndedAfterTheLastStatementIsA503ThatSaysToCheck() throws Exception {
        TestApp app = TestApp.of(Db.POSTGRES);
        var transactions = new TransactionTemplate(app.context.getBean(PlatformTransactionManager.class));

        var lost = catchThrowableOfType(RuntimeException.class, () -> transactions.executeWithoutResult(status -> {
            Object pid = app.sql().fetchValue("select pg_backend_pid()");
            // another connection (another thread: outside this transaction) ends this one before its commit
            Thread killer = Thread.ofPlatform().start(
                    () -> app.sql().execute("select pg_terminate_backend(" + pid + ")"));
            try {
                killer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));

        var answer = new ProblemHandler().unexpected(lost);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getDetail()).contains("check whether it was");
    }
}
