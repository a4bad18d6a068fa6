package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The Idempotency-Key store: per client and key, the request's fingerprint and the job that answered it. */
@ApplicationScoped
public class IdempotencyStore {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    AgroalDataSource ds;

    public record Entry(String clientId, String key, String path, String contentType, String bodySha256, Long bodyLength,
                        String status, Integer responseStatus, UUID jobId, Instant createdAt) {

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** Claims the key for a new request; false when it is already taken (completed or in progress). */
    public boolean claim(String clientId, String key, String path, String contentType) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("insert into idempotency_record (client_id, idempotency_key, "
                     + "request_path, content_type, status, created_at) values (?, ?, ?, ?, 'IN_PROGRESS', ?) "
                     + "on conflict do nothing")) {
            s.setString(1, clientId);
            s.setString(2, key);
            s.setString(3, path);
            s.setString(4, contentType);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            return s.executeUpdate() == 1;
        }
    }

    public Optional<Entry> find(String clientId, String key) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select client_id, idempotency_key, request_path, content_type, "
                     + "body_sha256, body_length, status, response_status, job_id, created_at from idempotency_record "
                     + "where client_id = ? and idempotency_key = ?")) {
            s.setString(1, clientId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Long) rs.getObject(6), rs.getString(7), (Integer) rs.getObject(8),
                        rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant()));
            }
        }
    }

    /** Completes the claim in the upload's own transaction: the answer is remembered exactly when the data is. */
    public void complete(String clientId, String key, String bodySha256, long bodyLength, int status, UUID jobId)
            throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("update idempotency_record set status = 'COMPLETED', "
                     + "body_sha256 = ?, body_length = ?, response_status = ?, job_id = ?, completed_at = ? "
                     + "where client_id = ? and idempotency_key = ?")) {
            s.setString(1, bodySha256);
            s.setLong(2, bodyLength);
            s.setInt(3, status);
            s.setObject(4, jobId);
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.setString(6, clientId);
            s.setString(7, key);
            s.executeUpdate();
        }
    }

    /** Releases a claim whose request failed, so that the client can retry with the same key. */
    public void release(String clientId, String key) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("delete from idempotency_record where client_id = ? "
                     + "and idempotency_key = ? and status = 'IN_PROGRESS'")) {
            s.setString(1, clientId);
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    /** Forgets keys older than the retention, and in-progress claims whose request died with its process. */
    public int purge(Instant completedBefore, Instant inProgressBefore) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("delete from idempotency_record r where r.created_at < ? "
                     + "or (r.status = 'IN_PROGRESS' and r.created_at < ? and not exists (select 1 from ingestion_job j "
                     + "where j.client_id = r.client_id and j.idempotency_key = r.idempotency_key "
                     + "and j.status = 'RUNNING'))")) {
            s.setTimestamp(1, Timestamp.from(completedBefore));
            s.setTimestamp(2, Timestamp.from(inProgressBefore));
            return s.executeUpdate();
        }
    }
}
