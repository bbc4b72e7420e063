-- Demo accounts. Fixed ids: the orders service's seed refers to them.
INSERT INTO {{tables.users}} (id, email, name, created_at) VALUES
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e01', 'ada@example.com', 'Ada Lovelace', '2026-09-01 09:00+00'),
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e02', 'grace@example.com', 'Grace Hopper', '2026-09-03 14:30+00'),
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e03', 'edsger@example.com', 'Edsger Dijkstra', '2026-09-12 08:15+00'),
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e04', 'barbara@example.com', 'Barbara Liskov', '2026-10-20 17:45+00')
ON CONFLICT (email) DO NOTHING;

INSERT INTO {{tables.profiles}} (user_id, display_name, locale, bio) VALUES
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e01', 'Ada', 'en', 'First programmer.'),
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e02', 'Amazing Grace', 'en', 'Found the first bug.'),
    ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e03', 'EWD', 'nl', 'Goto considered harmful.')
ON CONFLICT (user_id) DO NOTHING;
