-- A film-rental sample in the shape of the well-known one: stores and staff reference each
-- other (a foreign-key cycle), DECIMAL(4,2) rates, DATE and TIME columns, an enum-like rating
-- with a CHECK, DEFAULTs, comma-separated features.
PRAGMA foreign_keys = OFF;
CREATE TABLE store (store_id INTEGER PRIMARY KEY,
  manager_staff_id INTEGER NOT NULL REFERENCES staff (staff_id), address TEXT NOT NULL,
  last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE staff (staff_id INTEGER PRIMARY KEY, first_name VARCHAR(45) NOT NULL,
  store_id INTEGER NOT NULL REFERENCES store (store_id), active INTEGER NOT NULL DEFAULT 1,
  hired DATE, shift_start TIME);
CREATE TABLE film (film_id INTEGER PRIMARY KEY, title VARCHAR(255) NOT NULL, release_year INTEGER,
  rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99, length SMALLINT,
  rating VARCHAR(10) DEFAULT 'G' CHECK (rating IN ('G', 'PG', 'PG-13', 'R', 'NC-17')),
  special_features TEXT);
CREATE TABLE rental (rental_id INTEGER PRIMARY KEY, rental_date DATETIME NOT NULL,
  film_id INTEGER NOT NULL REFERENCES film (film_id),
  staff_id INTEGER NOT NULL REFERENCES staff (staff_id), return_date DATETIME);
INSERT INTO store VALUES (1, 1, '47 MySakila Drive', '2006-02-15 04:57:12'),
  (2, 2, '28 MySQL Boulevard', '2006-02-15 04:57:12');
INSERT INTO staff VALUES (1, 'Mike', 1, 1, '2006-02-15', '09:00:00'), (2, 'Jon', 2, 1, '2006-02-15', '13:30'),
  (3, 'Ann', 1, 0, '2010-10-01', NULL);
INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR', 2006, 0.99, 86, 'PG', 'Deleted Scenes,Behind the Scenes'),
  (2, 'ACE GOLDFINGER', 2006, 4.99, 48, 'G', 'Trailers'), (3, 'ADAPTATION HOLES', 2006, 2.99, 50, 'NC-17', NULL);
INSERT INTO rental VALUES (1, '2005-05-24 22:53:30', 1, 1, '2005-05-26 22:04:30'),
  (2, '2005-05-24 22:54:33', 2, 2, NULL), (3, '2005-05-25 00:00:00', 3, 1, '2005-05-28 19:40:33');
