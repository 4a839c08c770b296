import pg from 'pg';

/**
 * Gives an inbox seeded by bench/seed-inbox.ts what the dashboard reads and the inbox seed does not make: agent
 * replies to inbound threads and contacts writing back to outbound ones, failures with error codes (some before
 * any provider took them), emails with opens and clicks, a published sequence with its enrollments and their
 * step messages, quotes in every outcome, and an event log (mostly Herald's own sends, some members' changes) — all spread over the same 90 days, with set-based SQL in one
 * transaction (realtime triggers off, as in the inbox seed), then VACUUM ANALYZE (index-only scans need the
 * visibility map a live table's autovacuum keeps).
 */
export async function seedDashboard(
  databaseUrl: string,
  tenantId: string,
  sizes: { contacts: number; enrollments: number; quotes: number; emails: number; events: number },
): Promise<{ sequenceId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const tag = tenantId.slice(4, 12);
    // Failures get codes; those opted out never reached a provider.
    await client.query(
      `UPDATE messages SET error_code = (ARRAY['30003', '30005', '30007', '63016', 'CONSENT_REVOKED', 'SEND_RETRIES_EXHAUSTED'])[1 + abs(hashtext(id)) % 6],
              error_message = 'Seeded failure'
        WHERE tenant_id = $1 AND status = 'failed'`,
      [tenantId],
    );
    await client.query(`UPDATE messages SET sent_at = NULL WHERE tenant_id = $1 AND error_code IN ('CONSENT_REVOKED', 'SEND_RETRIES_EXHAUSTED')`, [tenantId]);
    // Half the inbound threads (odd contacts write in; seed-inbox alternates direction by message) get an agent reply
    // 1–600 minutes after the contact's messages.
    await client.query(
      `INSERT INTO messages (id, tenant_id, contact_id, thread_id, direction, channel, body, status, origin, created_at, sent_at)
       SELECT 'msg_' || $2 || 'a' || lpad(n::text, 23, '0'), $1, 'ctc_' || $2 || lpad(n::text, 24, '0'), 'thr_' || $2 || lpad(n::text, 23, '0') || 's',
              'outbound', 'sms', 'On our way', 'delivered', 'agent', at, at
         FROM generate_series(1, $3::int, 4) n
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (n * 7919 % 7776000) + ((n - 1) % 10) * 3600) + make_interval(mins => 1 + n % 600) AS at) t
        WHERE at < now()`,
      [tenantId, tag, sizes.contacts],
    );
    // A third of the contacts messaged (even contacts) write back within a day; one in fifteen of them says STOP.
    await client.query(
      `INSERT INTO messages (id, tenant_id, contact_id, thread_id, direction, channel, body, status, created_at)
       SELECT 'msg_' || $2 || 'r' || lpad(n::text, 23, '0'), $1, 'ctc_' || $2 || lpad(n::text, 24, '0'), 'thr_' || $2 || lpad(n::text, 23, '0') || 's',
              'inbound', 'sms', CASE WHEN (n / 6) % 15 = 0 THEN 'STOP' ELSE 'Sounds good' END, 'received', at
         FROM generate_series(2, $3::int, 6) n
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (n * 7919 % 7776000) + ((n - 1) % 10) * 3600) + make_interval(mins => 5 + n % 1400) AS at) t
        WHERE at < now()`,
      [tenantId, tag, sizes.contacts],
    );
    // Emails on the email threads (every tenth contact): most delivered, some bounced; opens and clicks.
    await client.query(
      `INSERT INTO messages (id, tenant_id, contact_id, thread_id, direction, channel, body, subject, status, origin, created_at, sent_at,
                             error_code, opened_at, open_count, clicked_at, click_count)
       SELECT 'msg_' || $2 || 'e' || lpad(g::text, 23, '0'), $1, 'ctc_' || $2 || lpad(n::text, 24, '0'), 'thr_' || $2 || lpad(n::text, 23, '0') || 'e',
              'outbound', 'email', 'Your quote is ready', 'Your quote', CASE WHEN g % 40 = 0 THEN 'failed' ELSE 'delivered' END::message_status, 'api', at, at,
              CASE WHEN g % 40 = 0 THEN 'BOUNCED' END,
              CASE WHEN g % 3 <> 0 THEN at + interval '2 hours' END, CASE WHEN g % 3 <> 0 THEN 1 + g % 3 ELSE 0 END,
              CASE WHEN g % 7 = 0 THEN at + interval '3 hours' END, CASE WHEN g % 7 = 0 THEN 1 ELSE 0 END
         FROM generate_series(1, $3::int) g
         CROSS JOIN LATERAL (SELECT 10 * (1 + g % greatest($4::int / 10, 1)) AS n) k
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (g::bigint * 104729 % 7776000)) AS at) t`,
      [tenantId, tag, sizes.emails, sizes.contacts],
    );
    // A published sequence of three steps, and its enrollments over 90 days.
    const {
      rows: [sequence],
    } = await client.query<{ id: string }>(`INSERT INTO sequences (tenant_id, name) VALUES ($1, 'Bench leads') RETURNING id`, [tenantId]);
    const {
      rows: [version],
    } = await client.query<{ id: string }>(
      `INSERT INTO sequence_versions (tenant_id, sequence_id, version, settings, published_at) VALUES ($1, $2, 1, '{}', now() - interval '100 days') RETURNING id`,
      [tenantId, sequence!.id],
    );
    await client.query(
      `INSERT INTO sequence_steps (tenant_id, version_id, position, channel, wait_amount, wait_unit, body)
       SELECT $1, $2, p, (ARRAY['sms', 'sms', 'email'])[p + 1]::channel, p, 'days', 'Step ' || p FROM generate_series(0, 2) p`,
      [tenantId, version!.id],
    );
    await client.query(
      `INSERT INTO enrollments (id, tenant_id, sequence_id, version_id, contact_id, status, stop_reason, current_step, started_at, ended_at)
       SELECT 'enr_' || md5($4 || g), $1, $2, $3, 'ctc_' || $4 || lpad((1 + g % $6::int)::text, 24, '0'),
              s.status::enrollment_status, s.reason, 0, at, CASE WHEN s.status IN ('active') THEN NULL ELSE at + interval '3 days' END
         FROM generate_series(1, $5::int) g
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (g::bigint * 15485863 % 7776000)) AS at) t
         CROSS JOIN LATERAL (SELECT (ARRAY['completed', 'completed', 'completed', 'completed', 'stopped', 'stopped', 'stopped', 'active', 'active', 'stopped'])[1 + g % 10] AS status,
                                    (ARRAY[NULL, NULL, NULL, NULL, 'replied', 'replied', 'opted_out', NULL, NULL, 'manual'])[1 + g % 10] AS reason) s`,
      [tenantId, sequence!.id, version!.id, tag, sizes.enrollments, sizes.contacts],
    );
    // Step messages, with the ids the enrollment workflow derives (stepMessageId): completed ones sent all three.
    await client.query(
      `INSERT INTO messages (id, tenant_id, contact_id, direction, channel, body, status, origin, created_at, sent_at)
       SELECT 'msg_' || substr(e.id, 5) || 's' || p, e.tenant_id, e.contact_id, 'outbound', (ARRAY['sms', 'sms', 'email'])[p + 1]::channel,
              'Step ' || p, 'delivered', 'sequence', e.started_at + make_interval(days => p), e.started_at + make_interval(days => p)
         FROM enrollments e
         CROSS JOIN generate_series(0, 2) p
        WHERE e.tenant_id = $1 AND e.sequence_id = $2
          AND p < CASE WHEN e.status = 'completed' THEN 3 WHEN e.stop_reason = 'manual' THEN 0 ELSE 1 + abs(hashtext(e.id)) % 2 END
          AND e.started_at + make_interval(days => p) < now()`,
      [tenantId, sequence!.id],
    );
    // Quotes in every outcome, texted over 90 days.
    await client.query(
      `INSERT INTO quotes (tenant_id, contact_id, total, status, sent_at, viewed_at, responded_at)
       SELECT $1, 'ctc_' || $2 || lpad((1 + g % $4::int)::text, 24, '0'), 100 + g % 900, q.status::quote_status, at,
              CASE WHEN q.status IN ('accepted', 'rejected') OR g % 3 = 0 THEN at + interval '1 hour' END,
              CASE WHEN q.status IN ('accepted', 'rejected') THEN at + interval '2 hours' END
         FROM generate_series(1, $3::int) g
         CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (g::bigint * 7919 % 7776000)) AS at) t
         CROSS JOIN LATERAL (SELECT (ARRAY['sent', 'accepted', 'rejected', 'expired', 'sent', 'accepted'])[1 + g % 6] AS status) q`,
      [tenantId, tag, sizes.quotes, sizes.contacts],
    );
    // The event log: nine in ten entries are Herald's own (a message sent), the rest the members' changes.
    const { rows: members } = await client.query<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 ORDER BY email`, [tenantId]);
    await client.query(
      `INSERT INTO event_logs (tenant_id, type, subject_type, subject_id, actor_type, actor_id, data, created_at)
       SELECT $1,
              CASE WHEN own THEN 'message.sent' ELSE (ARRAY['thread.assigned', 'thread.closed', 'thread.labelled', 'thread.reopened'])[1 + g / 10 % 4] END,
              CASE WHEN own THEN 'message' ELSE 'thread' END,
              CASE WHEN own THEN 'msg_' || $4 || lpad(g::text, 24, '0') ELSE 'thr_' || $4 || lpad((1 + g % $5::int)::text, 23, '0') || 's' END,
              CASE WHEN own THEN 'system' ELSE 'user' END,
              CASE WHEN own THEN NULL ELSE ($2::text[])[1 + g / 10 % array_length($2::text[], 1)] END,
              '{}', now() - make_interval(secs => (g::bigint * 7919 % 7776000))
         FROM generate_series(1, $3::int) g
         CROSS JOIN LATERAL (SELECT g % 10 <> 0 AS own) x`,
      [tenantId, members.map((m) => m.id), sizes.events, tag, sizes.contacts],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE messages');
    await client.query('VACUUM ANALYZE enrollments');
    await client.query('VACUUM ANALYZE quotes');
    await client.query('VACUUM ANALYZE event_logs');
    return { sequenceId: sequence!.id };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
