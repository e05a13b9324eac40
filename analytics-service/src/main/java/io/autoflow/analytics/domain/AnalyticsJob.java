package io.autoflow.analytics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One analysed document and its outcome. */
@Entity
@Table(name = "analytics_jobs")
public class AnalyticsJob extends PanacheEntityBase {

    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "execution_id")
    public UUID executionId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "file_type")
    public String fileType;

    @Column(name = "file_size_bytes")
    public Long fileSizeBytes;

    @Column(name = "blob_key", nullable = false)
    public String blobKey;

    /** Requested analyses, comma-separated. */
    @Column(name = "analysis_type")
    public String analysisType;

    @Column(nullable = false)
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    public String results;

    @JdbcTypeCode(SqlTypes.JSON)
    public String error;

    /**
     * The charts' titles and blob keys, as in {@code results.charts}: a JSON array, which Hibernate Reactive's JSON
     * type cannot carry (it wants objects), so it is written as text and cast by PostgreSQL.
     */
    @ColumnTransformer(write = "?::jsonb")
    public String charts;

    /** Where the report downloads, through the gateway. */
    @Column(name = "report_url")
    public String reportUrl;

    /** How many times a worker took the job up (a crashed worker's job is redelivered). */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean isFinished() {
        return !PROCESSING.equals(status);
    }
}
