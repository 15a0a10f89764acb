import { useEffect, useState } from 'preact/hooks';
import { MyAppointments, type Appointment } from '../../../functions/contract/appointments.js';
import { api } from '../api.js';
import { APPOINTMENT_KINDS, ATTENDANCE, label } from '../format.js';
import { ErrorBanner, Loading } from '../ui.js';
import { appointmentTime, AttendanceActions } from './appointments.js';

/**
 * The appointments the signed-in user owns (GET /me/appointments): a provider's whole screen. A provider sees
 * no citizen's journey, only these appointments, and registers attendance here. A reminder about a citizen
 * opens this page with that citizen's appointments marked (`?borger=`).
 */
export function MyAppointmentsPage({ params }: { params: URLSearchParams }) {
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const marked = params.get('borger');

  const load = () =>
    api.get(MyAppointments, '/me/appointments').then(
      (b) => setItems([...b.items].sort((a, z) => a.startsAt.localeCompare(z.startsAt))),
      (e) => (setError(e), setItems([])),
    );
  useEffect(() => {
    void load();
  }, []);

  return (
    <>
      <h1>Mine aftaler</h1>
      <ErrorBanner error={error} />
      {saved && (
        <p role="status" class="saved">
          {saved}
        </p>
      )}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">Du har ingen aftaler.</p>
      ) : (
        <table class="my-appointments">
          <caption class="visually-hidden">Mine aftaler</caption>
          <thead>
            <tr>
              <th scope="col">Hvornår</th>
              <th scope="col">Type</th>
              <th scope="col">Fremmøde</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-appointment={a.id} class={marked === a.enrolmentId ? 'is-marked' : undefined} aria-current={marked === a.enrolmentId ? 'true' : undefined}>
                <td>{appointmentTime(a)}</td>
                <td>{label(APPOINTMENT_KINDS, a.kind)}</td>
                <td>
                  {a.attendance ? (
                    <strong>{label(ATTENDANCE, a.attendance.status)}</strong>
                  ) : (
                    <AttendanceActions
                      appointment={a}
                      onError={setError}
                      onRegistered={(status) => {
                        setError(null);
                        setSaved(`Fremmøde registreret: ${label(ATTENDANCE, status)}.`);
                        void load();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
