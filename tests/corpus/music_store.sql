-- A music-store sample in the shape of the well-known one: CamelCase names, NUMERIC(10,2)
-- money, DATETIME text, INTEGER PRIMARY KEYs, secondary indexes on the foreign keys.
CREATE TABLE "Artist" ("ArtistId" INTEGER NOT NULL, "Name" NVARCHAR(120),
  CONSTRAINT "PK_Artist" PRIMARY KEY ("ArtistId"));
CREATE TABLE "Album" ("AlbumId" INTEGER NOT NULL, "Title" NVARCHAR(160) NOT NULL,
  "ArtistId" INTEGER NOT NULL, CONSTRAINT "PK_Album" PRIMARY KEY ("AlbumId"),
  FOREIGN KEY ("ArtistId") REFERENCES "Artist" ("ArtistId"));
CREATE TABLE "Track" ("TrackId" INTEGER PRIMARY KEY, "Name" NVARCHAR(200) NOT NULL,
  "AlbumId" INTEGER REFERENCES "Album" ("AlbumId"), "Milliseconds" INTEGER NOT NULL, "Bytes" INTEGER,
  "UnitPrice" NUMERIC(10,2) NOT NULL);
CREATE TABLE "Invoice" ("InvoiceId" INTEGER PRIMARY KEY, "InvoiceDate" DATETIME NOT NULL,
  "BillingCountry" NVARCHAR(40), "Total" NUMERIC(10,2) NOT NULL);
CREATE TABLE "InvoiceLine" ("InvoiceLineId" INTEGER PRIMARY KEY,
  "InvoiceId" INTEGER NOT NULL REFERENCES "Invoice" ("InvoiceId"),
  "TrackId" INTEGER NOT NULL REFERENCES "Track" ("TrackId"), "UnitPrice" NUMERIC(10,2) NOT NULL,
  "Quantity" INTEGER NOT NULL);
CREATE INDEX "IFK_AlbumArtistId" ON "Album" ("ArtistId");
CREATE INDEX "IFK_TrackAlbumId" ON "Track" ("AlbumId");
INSERT INTO "Artist" VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith'), (4, 'Alanis Morissette'),
  (5, 'Alice In Chains'), (6, 'Antônio Carlos Jobim');
INSERT INTO "Album" VALUES (1, 'For Those About To Rock We Salute You', 1), (2, 'Balls to the Wall', 2),
  (3, 'Restless and Wild', 2), (4, 'Let There Be Rock', 1), (5, 'Big Ones', 3);
INSERT INTO "Track" VALUES (1, 'For Those About To Rock (We Salute You)', 1, 343719, 11170334, 0.99),
  (2, 'Balls to the Wall', 2, 342562, 5510424, 0.99), (3, 'Fast As a Shark', 3, 230619, 3990994, 0.99),
  (4, 'Walk On Water', 5, 295680, 9719579, 1.99), (5, 'Desafinado', NULL, 185338, NULL, 1.99);
INSERT INTO "Invoice" VALUES (1, '2009-01-01 00:00:00', 'Germany', 1.98),
  (2, '2009-01-02 00:00:00', 'Norway', 3.96), (3, '2009-01-03 00:00:00', 'Belgium', 5.94),
  (4, '2013-12-22 00:00:00', NULL, 1.99);
INSERT INTO "InvoiceLine" VALUES (1, 1, 1, 0.99, 1), (2, 1, 2, 0.99, 1), (3, 2, 3, 0.99, 4),
  (4, 3, 4, 1.99, 2), (5, 3, 5, 1.99, 1), (6, 4, 4, 1.99, 1);
