<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nb_NO">
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>Praktisk vurdering for </source>
        <translation>Practical assessment for </translation>
    </message>
    <message>
        <source>Bestått</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Ikke bestått</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>Merknad (valgfritt)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>Resultat:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>Dato:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Merknad:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Registrer</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>BackupsBox</name>
    <message>
        <source>Sikkerhetskopier</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Programmet tar en kopi av den lokale databasen hver dag når det starter, og beholder de {keep} nyeste i {folder}.</source>
        <translation>The program copies the local database each day when it starts, and keeps the newest {keep} in {folder}.</translation>
    </message>
    <message>
        <source>Den felles PostgreSQL-databasen sikkerhetskopieres på serveren. «Ta sikkerhetskopi nå» bruker pg_dump hvis det er installert på denne PC-en.</source>
        <translation>The shared PostgreSQL database is backed up on the server. “Back up now” uses pg_dump if it is installed on this PC.</translation>
    </message>
    <message>
        <source>Tatt</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Størrelse</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Gjenopprette en kopi: lukk Helsestudio og kjør «helsestudio db restore FIL». Den nåværende filen legges til side først, så ingenting går tapt.</source>
        <translation>To restore a copy: close Helsestudio and run “helsestudio db restore FILE”. The current file is set aside first, so nothing is lost.</translation>
    </message>
    <message>
        <source>Ta sikkerhetskopi nå …</source>
        <translation>Back up now …</translation>
    </message>
    <message>
        <source>Ta sikkerhetskopi</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>Sikkerhetskopi (*.db *.dump)</source>
        <translation>Backup (*.db *.dump)</translation>
    </message>
    <message>
        <source>Tar sikkerhetskopi …</source>
        <translation>Backing up …</translation>
    </message>
    <message>
        <source>Sikkerhetskopien er lagret: {path} ({size})</source>
        <translation>The backup is saved: {path} ({size})</translation>
    </message>
</context>
<context>
    <name>BookingActions</name>
    <message>
        <source>bekreftet</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>avslått</source>
        <translation>declined</translation>
    </message>
    <message>
        <source>avlyst</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>tildelt assistanse</source>
        <translation>assigned assistance</translation>
    </message>
    <message>
        <source>flyttet</source>
        <translation>moved</translation>
    </message>
    <message>
        <source>Forespørsel #{id} «{title}» er registrert.</source>
        <translation>Request #{id} «{title}» has been registered.</translation>
    </message>
    <message>
        <source>Booking #{id} finnes ikke lenger: den kan være slettet på en annen PC</source>
        <translation>Booking #{id} no longer exists: it may have been deleted on another PC</translation>
    </message>
    <message>
        <source>avlysning</source>
        <translation>cancellation</translation>
    </message>
    <message>
        <source>bekreftelse</source>
        <translation>confirmation</translation>
    </message>
    <message>
        <source>Kalenderfil ({kind}) lagret i {path}</source>
        <translation>Calendar file ({kind}) saved to {path}</translation>
    </message>
    <message>
        <source>Ingenting er lagret; bookingen er endret på en annen PC.</source>
        <translation>Nothing was saved; the booking was changed on another PC.</translation>
    </message>
    <message>
        <source>#{id} «{title}» er {done}.</source>
        <translation>#{id} «{title}» has been {done}.</translation>
    </message>
    <message>
        <source>endret</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>#{id} «{title}» er flyttet til {when}.</source>
        <translation>#{id} «{title}» has been moved to {when}.</translation>
    </message>
    <message>
        <source>Kunne ikke fullføre</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <source>Booking #%1 – %2</source>
        <translation>Booking #%1 – %2</translation>
    </message>
    <message>
        <source>Når</source>
        <translation>When</translation>
    </message>
    <message>
        <source>{day} kl. {start}–{end}</source>
        <translation>{day}, {start}–{end}</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>i tide</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>sen (kan ikke fortrenge, R2)</source>
        <translation>late (cannot displace, R2)</translation>
    </message>
    <message>
        <source>Mottatt</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Bestiller</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>, {n} deltakere</source>
        <translation>, {n} participants</translation>
    </message>
    <message>
        <source>ikke ønsket</source>
        <translation>not requested</translation>
    </message>
    <message>
        <source>⚠ ønsket, ikke tildelt</source>
        <translation>⚠ requested, not assigned</translation>
    </message>
    <message>
        <source>Teknisk assistanse</source>
        <translation>Technical assistance</translation>
    </message>
    <message>
        <source>Merknad</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Begrunnelse (kreves for å avslå eller avlyse)</source>
        <translation>Reason (required to decline or cancel)</translation>
    </message>
    <message>
        <source>Bekreft</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Avslå</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>Avlys</source>
        <translation>Cancel booking</translation>
    </message>
    <message>
        <source>Behandle</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>Tildel assistanse</source>
        <translation>Assign assistance</translation>
    </message>
    <message>
        <source>Flytt</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Lagre endringer</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Endre</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Tittel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Deltakere og plattform</source>
        <translation>Participants and platform</translation>
    </message>
    <message>
        <source>Assistanse</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>Ny tid</source>
        <translation>New time</translation>
    </message>
    <message>
        <source>Send kalenderfil til bestiller …</source>
        <translation>Send calendar file to requester …</translation>
    </message>
    <message>
        <source>Lagrer en .ics-fil (bekreftelse eller avlysning) og åpner e-postprogrammet</source>
        <translation>Saves an .ics file (confirmation or cancellation) and opens the e-mail program</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Skriv en begrunnelse først: den lagres og vises for bestilleren.</source>
        <translation>Write a reason first: it is saved and shown to the requester.</translation>
    </message>
    <message>
        <source>Slutt må være etter start.</source>
        <translation>End must be after start.</translation>
    </message>
    <message>
        <source>Bookingen må ha en tittel.</source>
        <translation>The booking must have a title.</translation>
    </message>
    <message>
        <source>Ingen endringer å lagre.</source>
        <translation>No changes to save.</translation>
    </message>
</context>
<context>
    <name>BookingPainting</name>
    <message>
        <source>{weekday} {date}</source>
        <translation>{weekday} {date}</translation>
    </message>
    <message>
        <source>uten plattform</source>
        <translation>no platform</translation>
    </message>
    <message>
        <source>{n} delt.</source>
        <translation>{n} part.</translation>
    </message>
    <message>
        <source>assistanse: {name}</source>
        <translation>assistance: {name}</translation>
    </message>
    <message>
        <source>⚠ assistanse ikke tildelt</source>
        <translation>⚠ assistance not assigned</translation>
    </message>
    <message>
        <source>sen forespørsel (R2)</source>
        <translation>late request (R2)</translation>
    </message>
    <message>
        <source>, {n} deltakere</source>
        <translation>, {n} participants</translation>
    </message>
    <message>
        <source>Bestiller: </source>
        <translation>Requested by: </translation>
    </message>
    <message>
        <source>ukjent</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Forespørsel i tide (R2)</source>
        <translation>Request on time (R2)</translation>
    </message>
    <message>
        <source>Sen forespørsel: kan ikke fortrenge (R2)</source>
        <translation>Late request: cannot displace (R2)</translation>
    </message>
    <message>
        <source>Teknisk assistanse: </source>
        <translation>Technical assistance: </translation>
    </message>
    <message>
        <source>IKKE TILDELT</source>
        <translation>NOT ASSIGNED</translation>
    </message>
    <message>
        <source>Dobbeltklikk for å åpne</source>
        <translation>Double-click to open</translation>
    </message>
</context>
<context>
    <name>CalendarFiles</name>
    <message>
        <source>Kalenderfil (*.ics)</source>
        <translation>Calendar file (*.ics)</translation>
    </message>
    <message>
        <source>Kan ikke skrive {path}: {reason}</source>
        <translation>Cannot write {path}: {reason}</translation>
    </message>
    <message>
        <source>avlysning</source>
        <translation>cancellation</translation>
    </message>
    <message>
        <source>bekreftelse</source>
        <translation>confirmation</translation>
    </message>
    <message>
        <source>Hei,

vedlagt er kalenderfilen for bookingen i Studio 2037 ({kind}).
Legg ved filen {path} før du sender.

Hilsen Studio 2037</source>
        <translation>Hello,

attached is the calendar file for the booking in Studio 2037 ({kind}).
Attach the file {path} before sending.

Regards, Studio 2037</translation>
    </message>
    <message>
        <source>Lagre invitasjon</source>
        <translation>Save invitation</translation>
    </message>
    <message>
        <source>Kan ikke lage invitasjon</source>
        <translation>Cannot create invitation</translation>
    </message>
    <message>
        <source>Importer kalenderfil</source>
        <translation>Import calendar file</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Ny forespørsel …</source>
        <translation>New request …</translation>
    </message>
    <message>
        <source>Skriv ut dagsplan …</source>
        <translation>Print day plan …</translation>
    </message>
    <message>
        <source>Dagsplan som PDF …</source>
        <translation>Day plan as PDF …</translation>
    </message>
    <message>
        <source>Kalenderfiler</source>
        <translation>Calendar files</translation>
    </message>
    <message>
        <source>Eksporter periode som .ics …</source>
        <translation>Export period as .ics …</translation>
    </message>
    <message>
        <source>Importer forespørsler fra .ics …</source>
        <translation>Import requests from .ics …</translation>
    </message>
    <message>
        <source>%1 booking(er) i perioden</source>
        <translation>%1 booking(s) in the period</translation>
    </message>
    <message>
        <source>Henter bookinger …</source>
        <translation>Loading bookings …</translation>
    </message>
    <message>
        <source>Dagsplan – forhåndsvisning</source>
        <translation>Day plan – preview</translation>
    </message>
    <message>
        <source>Lagre dagsplan som PDF</source>
        <translation>Save day plan as PDF</translation>
    </message>
    <message>
        <source>Dagsplanen er lagret: %1</source>
        <translation>Day plan saved: %1</translation>
    </message>
    <message>
        <source>Importerte {n} forespørsler fra kalenderfilen</source>
        <translation>Imported {n} requests from the calendar file</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>{d1}.–{d2}. {month} {year}</source>
        <translation>{d1}–{d2} {month} {year}</translation>
    </message>
    <message>
        <source>{d1}. {month1} – {d2}. {month2} {year}</source>
        <translation>{d1} {month1} – {d2} {month2} {year}</translation>
    </message>
    <message>
        <source>{d1}. {month1} {year1} – {d2}. {month2} {year2}</source>
        <translation>{d1} {month1} {year1} – {d2} {month2} {year2}</translation>
    </message>
    <message>
        <source>uke {week} · {span}</source>
        <translation>week {week} · {span}</translation>
    </message>
    <message>
        <source>I dag</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Forrige (PageUp)</source>
        <translation>Previous (PageUp)</translation>
    </message>
    <message>
        <source>Neste (PageDown)</source>
        <translation>Next (PageDown)</translation>
    </message>
    <message>
        <source>Gå til i dag (T)</source>
        <translation>Go to today (T)</translation>
    </message>
    <message>
        <source>Gå til dato</source>
        <translation>Go to date</translation>
    </message>
    <message>
        <source>Dag</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Uke</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Måned</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Vis %1 (%2)</source>
        <translation>Show %1 (%2)</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Har kursbevis</source>
        <translation>Has certificate</translation>
    </message>
    <message>
        <source>Klar</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Ikke fullført</source>
        <translation>Not complete</translation>
    </message>
    <message>
        <source>Kursbevis</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Oppdater</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Kurs:</source>
        <translation>Course:</translation>
    </message>
    <message>
        <source>Deltaker</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kursbevis</source>
        <comment>column: the certificate number</comment>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Mangler</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Utsted kursbevis</source>
        <translation>Issue certificates</translation>
    </message>
    <message>
        <source>Utsted for valgt deltaker</source>
        <translation>Issue for selected participant</translation>
    </message>
    <message>
        <source>Forhåndsvis og skriv ut…</source>
        <translation>Preview and print…</translation>
    </message>
    <message>
        <source>Lagre som PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>Én fil per person…</source>
        <translation>One file per person…</translation>
    </message>
    <message>
        <source>Trekk tilbake…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>Kontroller kursbevis…</source>
        <translation>Verify certificate…</translation>
    </message>
    <message>
        <source>(kurs {0})</source>
        <translation>(course {0})</translation>
    </message>
    <message>
        <source>Ingen kurs ennå: opprett et under Kurs.</source>
        <translation>No courses yet: create one under Courses.</translation>
    </message>
    <message>
        <source>ingen instruktør</source>
        <translation>no instructor</translation>
    </message>
    <message>
        <source>Signerer</source>
        <translation>Signs</translation>
    </message>
    <message>
        <source>Utsted kursbevis ({0})</source>
        <translation>Issue certificates ({0})</translation>
    </message>
    <message>
        <source>Utsteder kursbevis…</source>
        <translation>Issuing certificates…</translation>
    </message>
    <message>
        <source>Velg en deltaker i tabellen først.</source>
        <translation>Select a participant in the table first.</translation>
    </message>
    <message>
        <source>Utstedt {0} kursbevis.</source>
        <translation>Issued {0} certificate(s).</translation>
    </message>
    <message>
        <source>Avbrutt: ingen kursbevis ble utstedt.</source>
        <translation>Cancelled: no certificates were issued.</translation>
    </message>
    <message>
        <source>Kurset har ingen gyldige kursbevis å skrive ut ennå.</source>
        <translation>The course has no valid certificates to print yet.</translation>
    </message>
    <message>
        <source>Lagre kursbevis som PDF</source>
        <translation>Save certificates as PDF</translation>
    </message>
    <message>
        <source>kursbevis-kurs-{0}.pdf</source>
        <translation>certificates-course-{0}.pdf</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Lagret {0} kursbevis i {1}</source>
        <translation>Saved {0} certificate(s) to {1}</translation>
    </message>
    <message>
        <source>Velg mappe</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>Lagret {0} filer i {1}</source>
        <translation>Saved {0} files to {1}</translation>
    </message>
    <message>
        <source>Velg en deltaker som har kursbevis.</source>
        <translation>Select a participant who has a certificate.</translation>
    </message>
    <message>
        <source>Kursbevis {0} er trukket tilbake.</source>
        <translation>Certificate {0} has been revoked.</translation>
    </message>
</context>
<context>
    <name>ConflictBox</name>
    <message>
        <source>Endret på en annen PC</source>
        <translation>Changed on another PC</translation>
    </message>
    <message>
        <source>«Last inn på nytt» viser det som er lagret nå. «Overskriv» lagrer din endring over den andres. «Avbryt» lagrer ingenting.</source>
        <translation>«Reload» shows what is saved now. «Overwrite» saves your change over the other one. «Cancel» saves nothing.</translation>
    </message>
    <message>
        <source>Last inn på nytt</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Overskriv</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ConnectionMonitor</name>
    <message>
        <source>Ingen kontakt med databasen – prøver igjen …</source>
        <translation>No contact with the database – retrying …</translation>
    </message>
    <message>
        <source>Tilkoblet</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Databasen er ikke tilgjengelig. Det du har skrevet er tatt vare på – lagre igjen når forbindelsen er tilbake.</source>
        <translation>The database is not available. What you have written is kept – save again when the connection is back.</translation>
    </message>
</context>
<context>
    <name>CourseTypeDialog</name>
    <message>
        <source>Endre kurstype</source>
        <translation>Edit course type</translation>
    </message>
    <message>
        <source>Ny kurstype</source>
        <translation>New course type</translation>
    </message>
    <message>
        <source>Ett læringsutbytte per linje (skrives på kursbeviset)</source>
        <translation>One learning outcome per line (printed on the certificate)</translation>
    </message>
    <message>
        <source>E-læring (forkurs)</source>
        <translation>E-learning (pre-course)</translation>
    </message>
    <message>
        <source>Oppmøte</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Praktisk vurdering</source>
        <translation>Practical assessment</translation>
    </message>
    <message>
        <source>uten utløp</source>
        <translation>no expiry</translation>
    </message>
    <message>
        <source> måneder</source>
        <translation> months</translation>
    </message>
    <message>
        <source>(ingen krav)</source>
        <translation>(no requirement)</translation>
    </message>
    <message>
        <source>f.eks. Sepura STP9000, Motorola MTP6650</source>
        <translation>e.g. Sepura STP9000, Motorola MTP6650</translation>
    </message>
    <message>
        <source>Kode:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>Navn:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Beskrivelse:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Læringsutbytte:</source>
        <translation>Learning outcomes:</translation>
    </message>
    <message>
        <source>Krever:</source>
        <translation>Requires:</translation>
    </message>
    <message>
        <source>Gyldighet:</source>
        <translation>Validity:</translation>
    </message>
    <message>
        <source>Instruktør må ha:</source>
        <translation>Instructor must hold:</translation>
    </message>
    <message>
        <source>Utstyrstyper:</source>
        <translation>Equipment types:</translation>
    </message>
    <message>
        <source>Koden er allerede brukt av en annen kurstype</source>
        <translation>The code is already used by another course type</translation>
    </message>
    <message>
        <source>Velg minst én komponent: e-læring, oppmøte eller praktisk vurdering</source>
        <translation>Choose at least one component: e-learning, attendance or practical assessment</translation>
    </message>
    <message>
        <source>Lagre</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>CourseTypesView</name>
    <message>
        <source>Søk på kurstype …</source>
        <translation>Search course types …</translation>
    </message>
    <message>
        <source>Ny kurstype …</source>
        <translation>New course type …</translation>
    </message>
    <message>
        <source>Endre …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Krever</source>
        <translation>Requires</translation>
    </message>
    <message>
        <source>e-læring</source>
        <translation>e-learning</translation>
    </message>
    <message>
        <source>oppmøte</source>
        <translation>attendance</translation>
    </message>
    <message>
        <source>vurdering</source>
        <translation>assessment</translation>
    </message>
    <message>
        <source>Gyldighet</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>{n} mnd</source>
        <translation>{n} mo.</translation>
    </message>
    <message>
        <source>Instruktør må ha</source>
        <translation>Instructor must hold</translation>
    </message>
    <message>
        <source>Utstyr</source>
        <translation>Equipment</translation>
    </message>
</context>
<context>
    <name>CoursesPage</name>
    <message>
        <source>Kurs</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>Kurstyper</source>
        <translation>Course types</translation>
    </message>
    <message>
        <source>Personer</source>
        <translation>People</translation>
    </message>
</context>
<context>
    <name>CrisisBanner</name>
    <message>
        <source>KRISEMODUS (R6): {reason} — prioritet: {order}. Slått på av {who} {when}.</source>
        <translation>CRISIS MODE (R6): {reason} — priority: {order}. Switched on by {who} {when}.</translation>
    </message>
</context>
<context>
    <name>DayPlan</name>
    <message>
        <source>IKKE TILDELT</source>
        <translation>NOT ASSIGNED</translation>
    </message>
    <message>
        <source>Ingen bookinger denne dagen.</source>
        <translation>No bookings this day.</translation>
    </message>
    <message>
        <source>Krisemodus:</source>
        <translation>Crisis mode:</translation>
    </message>
    <message>
        <source>Dagsplan Studio 2037</source>
        <translation>Day plan Studio 2037</translation>
    </message>
    <message>
        <source>Varsler</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Booking</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Delt.</source>
        <translation>Part.</translation>
    </message>
    <message>
        <source>Assistanse</source>
        <translation>Assistance</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DisplacementDialog</name>
    <message>
        <source>{day} kl. {start}–{end}</source>
        <translation>{day}, {start}–{end}</translation>
    </message>
    <message>
        <source>Bekreftet – bookinger ble fortrengt</source>
        <translation>Confirmed – bookings were displaced</translation>
    </message>
    <message>
        <source>&lt;b&gt;«{title}»&lt;/b&gt; er bekreftet ({when}).&lt;br&gt;{n} booking(er) med lavere prioritet ble fortrengt (R3). De er ikke slettet; velg en ledig tid for å flytte dem med ett klikk, og gi beskjed til bestilleren.</source>
        <translation>&lt;b&gt;«{title}»&lt;/b&gt; is confirmed ({when}).&lt;br&gt;{n} booking(s) with lower priority were displaced (R3). They are not deleted; choose a free time to move them with one click, and let the requester know.</translation>
    </message>
    <message>
        <source>ukjent bestiller</source>
        <translation>unknown requester</translation>
    </message>
    <message>
        <source>Ingen ledig tid av samme lengde de neste ukene.</source>
        <translation>No free time of the same length in the coming weeks.</translation>
    </message>
    <message>
        <source>Flytt hit: </source>
        <translation>Move here: </translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Flytter …</source>
        <translation>Moving …</translation>
    </message>
</context>
<context>
    <name>ElearningDialog</name>
    <message>
        <source>E-læring for </source>
        <translation>E-learning for </translation>
    </message>
    <message>
        <source>Kursbevisnummer fra læringsportalen</source>
        <translation>Certificate number from the learning portal</translation>
    </message>
    <message>
        <source>Fullført dato:</source>
        <translation>Completed on:</translation>
    </message>
    <message>
        <source>Kursbevisnummer:</source>
        <translation>Certificate number:</translation>
    </message>
    <message>
        <source>Registrer</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Skriv inn kursbevisnummeret fra læringsportalen.</source>
        <translation>Enter the certificate number from the learning portal.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Eksporter kalender (.ics)</source>
        <translation>Export calendar (.ics)</translation>
    </message>
    <message>
        <source>Alle kategorier</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Alle statuser</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Fra og med</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Til og med</source>
        <translation>To (inclusive)</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lagre som …</source>
        <translation>Save as …</translation>
    </message>
    <message>
        <source>Lagre kalender</source>
        <translation>Save calendar</translation>
    </message>
    <message>
        <source>Lagret {n} hendelser i {path}</source>
        <translation>Saved {n} events to {path}</translation>
    </message>
    <message>
        <source>Kunne ikke eksportere</source>
        <translation>Could not export</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Importer deltakerliste</source>
        <translation>Import participant list</translation>
    </message>
    <message>
        <source>Ingen fil valgt (CSV eller Excel .xlsx)</source>
        <translation>No file chosen (CSV or Excel .xlsx)</translation>
    </message>
    <message>
        <source>Velg fil …</source>
        <translation>Choose file …</translation>
    </message>
    <message>
        <source>Gi tilordningen et navn (f.eks. læringsportalen) så huskes den til neste gang</source>
        <translation>Give the mapping a name (e.g. the learning portal) and it is remembered for next time</translation>
    </message>
    <message>
        <source>Kolonner</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Husk tilordningen som:</source>
        <translation>Remember the mapping as:</translation>
    </message>
    <message>
        <source>Linje</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-post</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>HPR</source>
        <translation>HPR</translation>
    </message>
    <message>
        <source>E-læring</source>
        <translation>E-learning</translation>
    </message>
    <message>
        <source>Blir</source>
        <translation>Becomes</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Velg deltakerliste</source>
        <translation>Choose participant list</translation>
    </message>
    <message>
        <source>Deltakerlister (*.csv *.xlsx *.txt)</source>
        <translation>Participant lists (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>{n} deltakere · tegnsett {enc}</source>
        <translation>{n} participants · encoding {enc}</translation>
    </message>
    <message>
        <source>Kan ikke importeres før dette er rettet: </source>
        <translation>Cannot be imported until this is fixed: </translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Dato</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Tittel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Bestiller</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>I tide (R2)</source>
        <translation>On time (R2)</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nei, for sent</source>
        <translation>no, too late</translation>
    </message>
    <message>
        <source>Konflikter</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Årsak</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>UID</source>
        <translation>UID</translation>
    </message>
    <message>
        <source>Importer kalenderfil</source>
        <translation>Import calendar file</translation>
    </message>
    <message>
        <source>Leser filen …</source>
        <translation>Reading the file …</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Vis på nytt</source>
        <translation>Show again</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Blir bookingforespørsler:</source>
        <translation>Will become booking requests:</translation>
    </message>
    <message>
        <source>Hoppes over:</source>
        <translation>Skipped:</translation>
    </message>
    <message>
        <source>{occ} forekomster i perioden {first}–{last}: {req} blir forespørsler ({late} for sent, {clash} med konflikt), {skip} hoppes over.</source>
        <translation>{occ} occurrences in the period {first}–{last}: {req} become requests ({late} too late, {clash} with a conflict), {skip} skipped.</translation>
    </message>
    <message>
        <source>Kan ikke lese kalenderfilen</source>
        <translation>Cannot read the calendar file</translation>
    </message>
    <message>
        <source>Importen ble ikke lagret</source>
        <translation>The import was not saved</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Forespurt</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Bekreftet</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Avslått</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>Fortrengt</source>
        <translation>Displaced</translation>
    </message>
    <message>
        <source>Avlyst</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>mandag</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>tirsdag</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>onsdag</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>torsdag</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>fredag</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>lørdag</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>søndag</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>januar</source>
        <translation>January</translation>
    </message>
    <message>
        <source>februar</source>
        <translation>February</translation>
    </message>
    <message>
        <source>mars</source>
        <translation>March</translation>
    </message>
    <message>
        <source>april</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mai</source>
        <translation>May</translation>
    </message>
    <message>
        <source>juni</source>
        <translation>June</translation>
    </message>
    <message>
        <source>juli</source>
        <translation>July</translation>
    </message>
    <message>
        <source>august</source>
        <translation>August</translation>
    </message>
    <message>
        <source>september</source>
        <translation>September</translation>
    </message>
    <message>
        <source>oktober</source>
        <translation>October</translation>
    </message>
    <message>
        <source>november</source>
        <translation>November</translation>
    </message>
    <message>
        <source>desember</source>
        <translation>December</translation>
    </message>
    <message>
        <source>gyldig</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>utløper snart</source>
        <translation>expiring soon</translation>
    </message>
    <message>
        <source>utløpt</source>
        <translation>expired</translation>
    </message>
    <message>
        <source>mangler</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>GYLDIG</source>
        <translation>VALID</translation>
    </message>
    <message>
        <source>TILBAKEKALT</source>
        <translation>REVOKED</translation>
    </message>
    <message>
        <source>UTLØPT</source>
        <translation>EXPIRED</translation>
    </message>
    <message>
        <source>UGYLDIG</source>
        <translation>INVALID</translation>
    </message>
    <message>
        <source>e-læring (forkurs)</source>
        <translation>e-learning (pre-course)</translation>
    </message>
    <message>
        <source>oppmøte</source>
        <translation>attendance</translation>
    </message>
    <message>
        <source>praktisk vurdering</source>
        <translation>practical assessment</translation>
    </message>
    <message>
        <source>Kurs</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Simulering</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>Ferdighetstrening</source>
        <translation>Skills training</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinar</translation>
    </message>
    <message>
        <source>Veiledning</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>superbruker</source>
        <translation>studio superuser</translation>
    </message>
    <message>
        <source>faglig leder</source>
        <translation>studio lead</translation>
    </message>
    <message>
        <source>instruktør</source>
        <translation>instructor</translation>
    </message>
    <message>
        <source>koordinator</source>
        <translation>coordinator</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Fornavn</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Etternavn</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>E-post</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>HPR</source>
        <translation>HPR</translation>
    </message>
    <message>
        <source>E-læring fullført</source>
        <translation>E-learning completed</translation>
    </message>
    <message>
        <source>Kursbevisnummer</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>{day}. {month} {year}</source>
        <translation>{day} {month} {year}</translation>
    </message>
    <message>
        <source>{date} kl. {time}</source>
        <translation>{date} at {time}</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>bekreftet</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>forespurt</source>
        <translation>requested</translation>
    </message>
    <message>
        <source>fortrengt / avlyst / avslått</source>
        <translation>displaced / cancelled / declined</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Helsestudio – Studio 2037 og kursbevis</source>
        <translation>Helsestudio – Studio 2037 and certificates</translation>
    </message>
    <message>
        <source>Åpner databasen …</source>
        <translation>Opening the database …</translation>
    </message>
    <message>
        <source>Kalender</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Kurs</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>Kursbevis</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>Rapporter</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Innstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>ingen rolle – kun lesetilgang</source>
        <translation>no role – read-only access</translation>
    </message>
    <message>
        <source>Database: </source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>Bruker: </source>
        <translation>User: </translation>
    </message>
    <message>
        <source>Kan ikke åpne databasen</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>Sjekk nettverket eller database-adressen (Innstillinger, --db eller HELSESTUDIO_DB) og start programmet på nytt.</source>
        <translation>Check the network or the database address (Settings, --db or HELSESTUDIO_DB) and start the program again.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Noe gikk galt ({error}). Prøv igjen, eller kontakt IT-støtte.</source>
        <translation>Something went wrong ({error}). Try again, or contact IT support.</translation>
    </message>
    <message>
        <source>Ikke tillatt</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <source>Databasen svarer ikke</source>
        <translation>The database does not respond</translation>
    </message>
    <message>
        <source>Kunne ikke fullføre</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>u%1</source>
        <translation>w%1</translation>
    </message>
    <message>
        <source>+%1 flere</source>
        <translation>+%1 more</translation>
    </message>
</context>
<context>
    <name>ParticipantModel</name>
    <message>
        <source>Deltaker</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Utstyr</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Oppmøte </source>
        <translation>Attendance </translation>
    </message>
    <message>
        <source>E-læring</source>
        <translation>E-learning</translation>
    </message>
    <message>
        <source>Vurdering</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Fullført</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Bestått</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Ikke bestått</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <source>Dobbeltklikk for å registrere</source>
        <translation>Double-click to record</translation>
    </message>
</context>
<context>
    <name>PendingPanel</name>
    <message>
        <source>Mottatt {date}: </source>
        <translation>Received {date}: </translation>
    </message>
    <message>
        <source>i tide (minst 28 dager før, R2) – deltar i prioriteringen</source>
        <translation>on time (at least 28 days ahead, R2) – takes part in the priority allocation</translation>
    </message>
    <message>
        <source>sen forespørsel – kan bare få ledig tid og fortrenger ingen (R2)</source>
        <translation>late request – can only get free time and displaces nothing (R2)</translation>
    </message>
    <message>
        <source>ukjent bestiller</source>
        <translation>unknown requester</translation>
    </message>
    <message>
        <source>Ønsket tid</source>
        <translation>When</translation>
    </message>
    <message>
        <source>sen</source>
        <translation>late</translation>
    </message>
    <message>
        <source>Tittel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Merk</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Dobbeltklikk for å åpne og bekrefte eller avslå</source>
        <translation>Double-click to open and confirm or decline</translation>
    </message>
    <message>
        <source>Ingen bekreftet booking i denne tiden</source>
        <translation>No confirmed booking at this time</translation>
    </message>
    <message>
        <source>Kolliderer med {names}: bekreftes den, fortrenges de med lavere prioritet (R3)</source>
        <translation>Overlaps {names}: if it is confirmed, those with lower priority are displaced (R3)</translation>
    </message>
    <message>
        <source>Kolliderer med {names}: en sen forespørsel kan ikke fortrenge noe (R2)</source>
        <translation>Overlaps {names}: a late request cannot displace anything (R2)</translation>
    </message>
    <message>
        <source>Venter på bekreftelse (%1)</source>
        <translation>Waiting for confirmation (%1)</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <source>Status per {date}</source>
        <translation>Status on {date}</translation>
    </message>
    <message>
        <source>Ingen kurs eller kvalifikasjoner registrert.</source>
        <translation>No courses or qualifications recorded.</translation>
    </message>
    <message>
        <source>gyldig til {date}</source>
        <translation>valid until {date}</translation>
    </message>
    <message>
        <source>uten utløp</source>
        <translation>no expiry</translation>
    </message>
    <message>
        <source>Kvalifikasjoner og kursbevis</source>
        <translation>Qualifications and certificates</translation>
    </message>
    <message>
        <source>kursbevis</source>
        <translation>certificate</translation>
    </message>
    <message>
        <source>fra</source>
        <translation>from</translation>
    </message>
    <message>
        <source>utstedt {date}</source>
        <translation>issued {date}</translation>
    </message>
    <message>
        <source>Kurs</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>Ikke påmeldt noen kurs.</source>
        <translation>Not enrolled in any course.</translation>
    </message>
    <message>
        <source>fullført</source>
        <translation>complete</translation>
    </message>
    <message>
        <source>mangler: </source>
        <translation>missing: </translation>
    </message>
    <message>
        <source>Instruktør på {n} kurs.</source>
        <translation>Instructor on {n} course(s).</translation>
    </message>
    <message>
        <source>Søk på navn, e-post eller HPR (å/á/ŋ trengs ikke) …</source>
        <translation>Search name, e-mail or HPR (å/á/ŋ not needed) …</translation>
    </message>
    <message>
        <source>Ny person …</source>
        <translation>New person …</translation>
    </message>
    <message>
        <source>Endre …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <source>Registrer kvalifikasjon …</source>
        <translation>Record qualification …</translation>
    </message>
    <message>
        <source>Et kursbevis personen har fått utenfor programmet (administrator/koordinator)</source>
        <translation>A certificate the person obtained outside the program (administrator/coordinator)</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-post</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>HPR</source>
        <translation>HPR</translation>
    </message>
    <message>
        <source>{n} treff</source>
        <translation>{n} found</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Endre person</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>Ny person</source>
        <translation>New person</translation>
    </message>
    <message>
        <source>f.eks. Helse Bergen &gt; Akuttmottaket</source>
        <translation>e.g. Helse Bergen &gt; Akuttmottaket</translation>
    </message>
    <message>
        <source>7–9 sifre (valgfritt). Aldri fødselsnummer.</source>
        <translation>7–9 digits (optional). Never a national identity number.</translation>
    </message>
    <message>
        <source>Navn:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>E-post:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Enhet:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>HPR-nummer:</source>
        <translation>HPR number:</translation>
    </message>
    <message>
        <source>Lagre</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Søk på navn, e-post eller HPR …</source>
        <translation>Search name, e-mail or HPR …</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-post</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
</context>
<context>
    <name>PersonPickerDialog</name>
    <message>
        <source>(ikke oppgitt)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>Utstyr (C3):</source>
        <translation>Equipment (C3):</translation>
    </message>
    <message>
        <source>Velg</source>
        <translation>Choose</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <source>Kvalifikasjon for </source>
        <translation>Qualification for </translation>
    </message>
    <message>
        <source>Gyldig til:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <source>f.eks. Nasjonalt instruktørkurs (DSB)</source>
        <translation>e.g. Nasjonalt instruktørkurs (DSB)</translation>
    </message>
    <message>
        <source>Kurstype:</source>
        <translation>Course type:</translation>
    </message>
    <message>
        <source>Utstedt:</source>
        <translation>Issued:</translation>
    </message>
    <message>
        <source>Utløp:</source>
        <translation>Expiry:</translation>
    </message>
    <message>
        <source>Utsteder:</source>
        <translation>Issuer:</translation>
    </message>
    <message>
        <source>Det finnes ingen kurstyper ennå</source>
        <translation>There are no course types yet</translation>
    </message>
    <message>
        <source>Gyldig til kan ikke være før utstedelsesdatoen</source>
        <translation>Valid until cannot be before the issue date</translation>
    </message>
    <message>
        <source>Registrer</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Rapporter – dokumentasjon av opplæring (C7)</source>
        <translation>Reports – training documentation (C7)</translation>
    </message>
    <message>
        <source>Vis</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Enhet (med underenheter)</source>
        <translation>Unit (with sub-units)</translation>
    </message>
    <message>
        <source>Kurstype</source>
        <translation>Course type</translation>
    </message>
    <message>
        <source>Utstyr</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Per dato</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Grunnlag</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Gyldig til</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Eksporter {0}…</source>
        <translation>Export {0}…</translation>
    </message>
    <message>
        <source>(alt utstyr)</source>
        <translation>(all equipment)</translation>
    </message>
    <message>
        <source>Velg enhet og kurstype.</source>
        <translation>Choose a unit and a course type.</translation>
    </message>
    <message>
        <source>personer</source>
        <translation>people</translation>
    </message>
    <message>
        <source>Eksporter rapport</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>opplaeringsstatus</source>
        <translation>training-status</translation>
    </message>
    <message>
        <source>Lagret {0}</source>
        <translation>Saved {0}</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <source>Ny forespørsel – Studio 2037</source>
        <translation>New request – Studio 2037</translation>
    </message>
    <message>
        <source>F.eks. RegUt: Akuttmedisin for LIS1</source>
        <translation>E.g. RegUt: Emergency medicine for LIS1</translation>
    </message>
    <message>
        <source>ikke oppgitt</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>ubegrenset</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>maks %1</source>
        <translation>max %1</translation>
    </message>
    <message>
        <source>Ønsker teknisk assistanse</source>
        <translation>Wants technical assistance</translation>
    </message>
    <message>
        <source>Når forespørselen kom inn (f.eks. e-postens dato); avgjør om den er i tide (R2)</source>
        <translation>When the request came in (e.g. the e-mail&apos;s date); decides whether it is on time (R2)</translation>
    </message>
    <message>
        <source>Tittel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Slutt</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Deltakere</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Bestiller</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kontakt</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Mottatt</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Merknad</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Send forespørsel</source>
        <translation>Send request</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Skriv en tittel.</source>
        <translation>Enter a title.</translation>
    </message>
    <message>
        <source>Slutt må være etter start.</source>
        <translation>End must be after start.</translation>
    </message>
    <message>
        <source>helg</source>
        <translation>weekend</translation>
    </message>
    <message>
        <source>{date} er stengt ({why}); bare faglig leder kan overstyre (R9).</source>
        <translation>{date} is closed ({why}); only the studio lead can override (R9).</translation>
    </message>
    <message>
        <source>Utenfor åpningstiden {opens}–{closes} (R9).</source>
        <translation>Outside opening hours {opens}–{closes} (R9).</translation>
    </message>
    <message>
        <source>Velg {platform}.</source>
        <translation>Choose {platform}.</translation>
    </message>
    <message>
        <source>{platform} tar maks {cap} deltakere (R7).</source>
        <translation>{platform} takes at most {cap} participants (R7).</translation>
    </message>
    <message>
        <source>I tide: mottatt innen fristen {date} (R2).</source>
        <translation>On time: received by the deadline {date} (R2).</translation>
    </message>
    <message>
        <source>Sen forespørsel: fristen var {date}. Den kan bare få ledig tid og fortrenger ingen (R2).</source>
        <translation>Late request: the deadline was {date}. It can only get free time and displaces nothing (R2).</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Trekk tilbake kursbevis</source>
        <translation>Revoke certificate</translation>
    </message>
    <message>
        <source>Kursbevis {0} til {1} trekkes tilbake. Det kan ikke angres; et rettet kursbevis utstedes på nytt etterpå.</source>
        <translation>Certificate {0} for {1} will be revoked. This cannot be undone; a corrected certificate is issued afterwards.</translation>
    </message>
    <message>
        <source>Begrunnelse (påkrevd)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Trekk tilbake</source>
        <translation>Revoke</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <source>Endre kurs</source>
        <translation>Edit course</translation>
    </message>
    <message>
        <source>Nytt kurs</source>
        <translation>New course</translation>
    </message>
    <message>
        <source>Legg til …</source>
        <translation>Add …</translation>
    </message>
    <message>
        <source>Tøm</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>ubegrenset</source>
        <translation>unlimited</translation>
    </message>
    <message>
        <source>Kurstype:</source>
        <translation>Course type:</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <source>Slutt:</source>
        <translation>End:</translation>
    </message>
    <message>
        <source>Instruktør:</source>
        <translation>Instructor:</translation>
    </message>
    <message>
        <source>Sted:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Kapasitet:</source>
        <translation>Capacity:</translation>
    </message>
    <message>
        <source>Aktivitetstype:</source>
        <translation>Activity type:</translation>
    </message>
    <message>
        <source>Region/HF:</source>
        <translation>Region/HF:</translation>
    </message>
    <message>
        <source>Det finnes ingen kurstyper ennå: opprett en kurstype først</source>
        <translation>There are no course types yet: create a course type first</translation>
    </message>
    <message>
        <source>Slutt må være etter start</source>
        <translation>End must be after start</translation>
    </message>
    <message>
        <source>Velg minst én instruktør</source>
        <translation>Choose at least one instructor</translation>
    </message>
    <message>
        <source>Lagre endringene</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Opprett kurs</source>
        <translation>Create course</translation>
    </message>
    <message>
        <source>Velg instruktør</source>
        <translation>Choose instructor</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>{day} kl. {start}–{end}</source>
        <translation>{day}, {start}–{end}</translation>
    </message>
    <message>
        <source>Meld på …</source>
        <translation>Enrol …</translation>
    </message>
    <message>
        <source>Fjern fra kurset …</source>
        <translation>Remove from course …</translation>
    </message>
    <message>
        <source>Alle til stede</source>
        <translation>All present</translation>
    </message>
    <message>
        <source>Importer deltakerliste …</source>
        <translation>Import participant list …</translation>
    </message>
    <message>
        <source>Oppdater</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Endre kurs …</source>
        <translation>Edit course …</translation>
    </message>
    <message>
        <source>Dag:</source>
        <translation>Day:</translation>
    </message>
    <message>
        <source>Instruktør: </source>
        <translation>Instructor: </translation>
    </message>
    <message>
        <source>plasser</source>
        <translation>places</translation>
    </message>
    <message>
        <source>{done} av {total} fullført</source>
        <translation>{done} of {total} complete</translation>
    </message>
    <message>
        <source>påmeldt</source>
        <translation>enrolled</translation>
    </message>
    <message>
        <source>Krever: </source>
        <translation>Requires: </translation>
    </message>
    <message>
        <source>Kurset er fullt</source>
        <translation>The course is full</translation>
    </message>
    <message>
        <source>Meld på kurset</source>
        <translation>Enrol in the course</translation>
    </message>
    <message>
        <source>Velg deltakeren som skal fjernes i listen først</source>
        <translation>Select the participant to remove in the list first</translation>
    </message>
    <message>
        <source>Fjern fra kurset</source>
        <translation>Remove from course</translation>
    </message>
    <message>
        <source>Hvorfor skal {name} fjernes? (lagres i loggen)</source>
        <translation>Why is {name} being removed? (saved in the log)</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <source>Søk på kursnavn, kode eller sted …</source>
        <translation>Search course name, code or place …</translation>
    </message>
    <message>
        <source>Alle kurstyper</source>
        <translation>All course types</translation>
    </message>
    <message>
        <source>Nytt kurs …</source>
        <translation>New course …</translation>
    </message>
    <message>
        <source>Åpne</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Dato</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kurs</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Sted</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Instruktør</source>
        <translation>Instructor</translation>
    </message>
    <message>
        <source>Påmeldt</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>Aktivitet</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Fra:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>til:</source>
        <translation>to:</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Innstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Database for denne PC-en</source>
        <translation>Database for this PC</translation>
    </message>
    <message>
        <source>Lokal fil på denne PC-en (virker uten nett)</source>
        <translation>Local file on this PC (works without a network)</translation>
    </message>
    <message>
        <source>Felles PostgreSQL-database</source>
        <translation>Shared PostgreSQL database</translation>
    </message>
    <message>
        <source>postgresql+psycopg://bruker@server/helsestudio</source>
        <translation>postgresql+psycopg://user@server/helsestudio</translation>
    </message>
    <message>
        <source>Lagre valget</source>
        <translation>Save the choice</translation>
    </message>
    <message>
        <source>Fil: </source>
        <translation>File: </translation>
    </message>
    <message>
        <source>Adresse:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>I bruk nå: </source>
        <translation>In use now: </translation>
    </message>
    <message>
        <source>Adressen må begynne med postgresql+psycopg://</source>
        <translation>The address must start with postgresql+psycopg://</translation>
    </message>
    <message>
        <source>Lagret. Valget gjelder neste gang programmet startes.</source>
        <translation>Saved. The choice applies the next time the program starts.</translation>
    </message>
</context>
<context>
    <name>StepsRunner</name>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>ny forespørsel</source>
        <translation>new request</translation>
    </message>
    <message>
        <source>stengt</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>i dag</source>
        <translation>today</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Tittel</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Plattform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>Delt.</source>
        <translation>Part.</translation>
    </message>
    <message>
        <source>Assistanse</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <source>⚠ ikke tildelt</source>
        <translation>⚠ not assigned</translation>
    </message>
    <message>
        <source>I dag – %1</source>
        <translation>Today – %1</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Kontroller kursbevis</source>
        <translation>Verify certificate</translation>
    </message>
    <message>
        <source>Kontrollkode (f.eks. GVD8-D97E-67J3) eller innholdet i QR-koden (HS1.…)</source>
        <translation>Verification code (e.g. GVD8-D97E-67J3) or the content of the QR code (HS1.…)</translation>
    </message>
    <message>
        <source>Kontroller</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kurs</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Utstedt</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Gyldig til og med</source>
        <translation>Valid until (inclusive)</translation>
    </message>
    <message>
        <source>uten utløpsdato</source>
        <translation>no expiry date</translation>
    </message>
</context>
</TS>
