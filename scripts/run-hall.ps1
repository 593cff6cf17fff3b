# Start the whole hall on this Windows PC on the embedded SQLite database with the
# sample catalog. First run creates .venv and installs the project into it.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path .venv\Scripts\python.exe)) {
    py -3 -m venv .venv
    .venv\Scripts\python.exe -m pip install --upgrade pip
}
.venv\Scripts\python.exe -m pip install -q -e .
.venv\Scripts\python.exe -m kiosk hall @args
