package org.gallery.db;

import javax.sql.DataSource;
import org.gallery.config.DatabaseUrl;
import org.gallery.config.Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** Transactions as each database needs them: PostgreSQL's own locking, SQLite's writers in turns. */
@Configuration(proxyBeanMethods = false)
class TransactionConfig {

    /** Longer than any transaction of a request or a job item takes; a request waiting longer gets a 503. */
    static final long SQLITE_PATIENCE_MILLIS = 30_000;

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, Settings settings) {
        DatabaseUrl db = settings.database();
        return db.kind() == DatabaseUrl.Kind.SQLITE
                ? new SqliteWriteTurns(dataSource, db.jdbcUrl(), SQLITE_PATIENCE_MILLIS)
                : new JdbcTransactionManager(dataSource);
    }
}
