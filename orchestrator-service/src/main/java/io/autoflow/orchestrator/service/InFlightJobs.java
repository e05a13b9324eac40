package io.autoflow.orchestrator.service;

import io.autoflow.events.ExecutionEvent.Status;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The jobs not ended yet (queued, started or in progress), counted across every orchestrator in the database. */
@ApplicationScoped
public class InFlightJobs {

    /** How many jobs of one workflow type are in flight, and when the oldest of them was asked for. */
    public record Count(String workflowType, long jobs, Instant oldestCreatedAt) {
    }

    /** One row per workflow type with jobs in flight; the partial index of unfinished jobs keeps it cheap. */
    @WithSession
    public Uni<List<Count>> count() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select e.workflowType, count(e), min(e.createdAt) from Execution e where e.status in (?1, ?2, ?3)"
                        + " group by e.workflowType", Object[].class)
                .setParameter(1, Status.QUEUED).setParameter(2, Status.STARTED).setParameter(3, Status.PROGRESS)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Count((String) row[0], (Long) row[1], (Instant) row[2])).toList());
    }
}
