# Start the whole hall on this Windows PC on the embedded SQLite database with the
# sample catalog, with the web service for phones (its address is printed at start; for
# phones on the hall Wi-Fi: scripts\run-hall.ps1 --web-host 0.0.0.0). First run creates
# .venv and installs the project into it from the
# hashed lock file requirements\app.lock (the same one scripts/venv.sh uses on Linux;
# regenerate it with scripts/lock.sh). Reinstalls when setup.cfg or the lock changes.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    py -3 -m venv .venv
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & $py -m pip install -q --upgrade pip
}
$lock = "requirements\app.lock"
$stamp = ".venv\.installed-base"
$want = (Get-FileHash setup.cfg).Hash + " " + (Get-FileHash $lock).Hash
$have = if (Test-Path $stamp) { (Get-Content $stamp -Raw).Trim() } else { "" }
if ($have -ne $want) {
    Write-Host "installing the project and its dependencies into .venv (log: .venv\pip.log)"
    # cmd keeps pip's stderr warnings out of PowerShell's error stream; the project itself
    # is built by pip's isolated build env, hence --no-deps and no hashes for it
    cmd /c "$py -m pip install -q --require-hashes -r $lock > .venv\pip.log 2>&1 && $py -m pip install -q --no-deps -e . >> .venv\pip.log 2>&1"
    if ($LASTEXITCODE -ne 0) {
        Get-Content .venv\pip.log | Write-Host
        exit 1
    }
    Set-Content -Path $stamp -Value $want
}
& $py -m kiosk hall @args
exit $LASTEXITCODE
