"""Real processes racing on one database never share, lose or skip a ticket."""
import pytest

from kiosk.queue.race import prepare, run_race


@pytest.mark.slow
def test_windows_in_several_processes_race_kiosks_without_loss_or_duplicates(db_url):
    prepare(db_url, windows=6)
    outcome = run_race(db_url, processes=3, windows_per_process=2, kiosks=2,
                       tickets_per_kiosk=20)
    assert outcome["errors"] == []
    assert outcome["exit_codes"] == [0] * 5
    assert outcome["tickets"] == 40 and outcome["gap_free"]
    assert (outcome["duplicates"], outcome["lost"]) == (0, 0)
    assert outcome["states"] == {"finished": 40}
