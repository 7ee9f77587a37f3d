<#
.SYNOPSIS
    WireScim benchmarks against the local Wire emulator; prints one Markdown table per scenario.
.DESCRIPTION
    Run through the build: dotnet pwsh ./build.ps1 -Task Bench
    Each scenario starts a fresh emulator (with a pre-seeded SCIM token, invitation mode: externalId = e-mail) and
    stops it afterwards; the CSVs are generated in a temporary folder that is removed at the end.

      1  Self-hosted, no throttling (latency 20 ms): the naive Invoke-RestMethod loop vs New-WireScimUser
      2  Wire Cloud limits (nginz 50/s, burst 10, 420): New-WireScimUser at default settings, and the naive loop
      3  Faults (10 % of requests: 500, 503, connection reset, commit then drop): every user exactly once
      4  Client cost: CPU seconds of this process per 1000 users, Import-Module time in a fresh pwsh
      5  Sync: first run vs second unchanged run, and the requests the second run sends
      6  Endurance: 2,000 then 20,000 rows through Sync-WireScimUser with faults, peak working set
      7  Sync at Wire Cloud's limit (50/s, burst 10, 420, latency 5 ms): first sync of 2,000 new users, then 1,000
         rows with one changed attribute (requests per user); unchanged reruns of 2,000, 20,000 and 100,000 rows
         (time, requests, peak working set, each in a fresh pwsh)

      8  Groups: 200 AD-shaped groups of 50 members through Sync-WireScimGroup, first run and unchanged rerun,
         self-hosted and at Wire Cloud's limit (single sign-on mode, so that members are active at once)

    Only the sync scenarios, in a few minutes: dotnet pwsh ./build.ps1 -Task Bench -BenchScenario 5,7
    Only the groups: dotnet pwsh ./build.ps1 -Task Bench -BenchScenario 8

    Missed performance targets are reported as "target missed" in the tables and do not fail the run. The script
    exits 1 when something breaks: a scenario throws, or a correctness check fails (a user missing or created
    twice, a row that failed where none should, an output count that does not match).
    Timings depend on the machine; never assert them in tests.
.PARAMETER Endurance
    Run scenario 6 even when the time estimate says the whole run would go past the budget.
.PARAMETER SkipEndurance
    Do not run scenario 6. Without either switch it runs when its estimate fits in -BudgetMinutes.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    # Scenarios to run (1-8), e.g. 5,7 (also as one comma list under pwsh -File); scenario 4 reports the CPU figure
    # of scenario 1 only when 1 ran.
    [string[]] $Scenario = @('1', '2', '3', '4', '5', '6', '7', '8'),
    [switch] $Endurance,
    [switch] $SkipEndurance,
    [double] $BudgetMinutes = 9
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
[int[]] $Scenario = @($Scenario -split ',' | Where-Object { $_.Trim() } | ForEach-Object { [int]$_.Trim() })
if (@($Scenario | Where-Object { $_ -lt 1 -or $_ -gt 8 }).Count) { throw "-Scenario takes numbers from 1 to 8; got $($Scenario -join ',')." }
# Progress bars cost time and clutter the log; the cmdlets are measured without a host drawing them.
$ProgressPreference = 'SilentlyContinue'

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$ModulePath = (Resolve-Path $ModulePath).Path
$EmulatorPath = (Resolve-Path $EmulatorPath).Path
Import-Module (Join-Path $RepoRoot 'tests/tools/EmulatorProcess.psm1') -Force
Import-Module $ModulePath -Force

$Token = 'bench-scim-token-0123456789'
$SecureToken = ConvertTo-SecureString $Token -AsPlainText -Force
$Work = Join-Path ([IO.Path]::GetTempPath()) "wirescim-bench-$PID"
$null = New-Item -ItemType Directory -Force $Work
$Total = [Diagnostics.Stopwatch]::StartNew()
$Broken = [Collections.Generic.List[string]]::new()
$Culture = [Globalization.CultureInfo]::InvariantCulture

#region helpers

function New-BenchCsv {
    # Writes $Count rows with unique handles and e-mails (prefix keeps scenarios apart) and returns the path.
    param([string] $Prefix, [int] $Count)
    $path = Join-Path $Work "$Prefix-$Count.csv"
    $text = [Text.StringBuilder]::new()
    $null = $text.AppendLine('UserName,DisplayName,ExternalId')
    for ($i = 1; $i -le $Count; $i++) {
        $null = $text.Append($Prefix).Append('u').Append($i.ToString('00000', $Culture)).Append(',Bench User ').Append($i).
            Append(',').Append($Prefix).Append('.user').Append($i).AppendLine('@example.com')
    }
    [IO.File]::WriteAllText($path, $text.ToString())
    $path
}

function Start-BenchEmulator {
    param([string[]] $ArgumentList)
    Start-WireScimEmulator -EmulatorPath $EmulatorPath -ArgumentList (@('--scim-token', $Token) + $ArgumentList)
}

function Connect-Bench {
    param($Emulator, [double] $RequestsPerSecond = 50)
    $null = Connect-WireScim -Uri $Emulator.Uri -Token $SecureToken -RequestsPerSecond $RequestsPerSecond -PassThru
}

function Invoke-NaiveRow {
    # What an admin writes without the module: one POST per row, nothing else.
    param($Emulator, $Row)
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Uri)/scim/v2/Users" -Headers @{ Authorization = "Bearer $Token" } `
        -ContentType 'application/scim+json' -Body (@{
            schemas = @('urn:ietf:params:scim:schemas:core:2.0:User'); userName = $Row.UserName; displayName = $Row.DisplayName; externalId = $Row.ExternalId
        } | ConvertTo-Json)
}

function Test-EmulatorUsers {
    # Checks that the emulator holds each expected externalId exactly once; returns a summary object.
    param($Emulator, [string[]] $ExpectedExternalIds)
    # The endpoint answers with one JSON array; enumerate it into users.
    $users = @(Get-WireScimEmulatorUsers $Emulator | ForEach-Object { $_ })
    $byId = @{}
    foreach ($user in $users) {
        $key = [string]$user.externalId
        $byId[$key] = 1 + [int]$byId[$key]
    }
    $duplicates = @($byId.Values | Where-Object { $_ -gt 1 }).Count
    $missing = @($ExpectedExternalIds | Where-Object { -not $byId.ContainsKey($_) }).Count
    [pscustomobject]@{ Users = $users.Count; Distinct = $byId.Count; Duplicates = $duplicates; Missing = $missing }
}

function Get-CsvExternalId {
    param([string] $Path)
    @(Import-Csv $Path | ForEach-Object ExternalId)
}

function Format-Rate { param([double] $Value) $Value.ToString('0.0', $Culture) }
function Format-Seconds { param([double] $Value) $Value.ToString('0.00', $Culture) + ' s' }

function Test-Target {
    # Returns the target column text: 'met (...)' or 'target missed (...)'.
    param([bool] $Met, [string] $Text)
    if ($Met) { "met ($Text)" } else { "target missed ($Text)" }
}

function Test-Check {
    # A correctness check: recorded as broken when false (the run then exits 1).
    param([bool] $Ok, [string] $Scenario, [string] $Text)
    if ($Ok) { return "ok ($Text)" }
    $Broken.Add("${Scenario}: $Text")
    "FAILED ($Text)"
}

function Write-Table {
    param([string] $Title, [object[]] $Rows)
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('')
    $lines.Add("### $Title")
    $lines.Add('')
    $lines.Add('| Measure | Value | Target / check |')
    $lines.Add('|---|---|---|')
    foreach ($row in $Rows) { $lines.Add("| $($row[0]) | $($row[1]) | $(if ($row.Count -gt 2) { $row[2] } else { '' }) |") }
    $lines | Write-Output
}

function Invoke-Scenario {
    # Runs one scenario; an exception is reported and recorded, and the next scenario still runs.
    param([string] $Name, [scriptblock] $Body)
    if ([int]$Name.Substring(0, 1) -notin $Scenario) { return }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try {
        & $Body
    }
    catch {
        $Broken.Add("${Name}: $($_.Exception.Message)")
        Write-Output ''
        Write-Output "### $Name"
        Write-Output ''
        Write-Output "**BROKEN**: $($_.Exception.Message) ($($_.InvocationInfo.PositionMessage -replace '\s+', ' '))"
    }
    finally {
        Disconnect-WireScim -ErrorAction Ignore
        Write-Host ("[{0} took {1:0.0} s; {2:0.0} s so far]" -f $Name, $clock.Elapsed.TotalSeconds, $Total.Elapsed.TotalSeconds) -ForegroundColor DarkGray
    }
}

#endregion

$cpuCount = [Environment]::ProcessorCount
Write-Output "# WireScim benchmarks"
Write-Output ''
Write-Output "$(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC$((Get-Date).ToString('zzz')), $cpuCount cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), .NET $([Environment]::Version), PowerShell $($PSVersionTable.PSVersion)"
Write-Output "Module: $ModulePath"

$NaiveRows = 300
$Scenario1 = @{}

#region 1 self-hosted
Invoke-Scenario '1. Self-hosted, no throttling (emulator --latency-ms 20)' {
    $csv = New-BenchCsv -Prefix 's1a' -Count 2000
    $rows = @(Import-Csv $csv)

    # (a) the naive loop, first 300 rows only
    $emulator = Start-BenchEmulator '--latency-ms', '20'
    try {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $rows | Select-Object -First $NaiveRows | ForEach-Object { $null = Invoke-NaiveRow $emulator $_ }
        $clock.Stop()
        $naiveRate = $NaiveRows / $clock.Elapsed.TotalSeconds
    }
    finally { Stop-WireScimEmulator $emulator }

    # (b) New-WireScimUser, default ThrottleLimit, RequestsPerSecond 0; CPU of this process measured around it
    $emulator = Start-BenchEmulator '--latency-ms', '20'
    try {
        Connect-Bench $emulator -RequestsPerSecond 0
        [GC]::Collect()
        $cpuBefore = (Get-Process -Id $PID).TotalProcessorTime
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = @(Import-Csv $csv | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $clock.Stop()
        $cpu = ((Get-Process -Id $PID).TotalProcessorTime - $cpuBefore).TotalSeconds
        $defaultRate = 2000 / $clock.Elapsed.TotalSeconds
        $defaultFailed = $ev.Count
        $defaultCheck = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)
        $defaultRequests = (Get-WireScimEmulatorStats $emulator).totalRequests
        $defaultOut = $out.Count
    }
    finally { Stop-WireScimEmulator $emulator }

    # (c) -ThrottleLimit 16
    $emulator = Start-BenchEmulator '--latency-ms', '20'
    try {
        Connect-Bench $emulator -RequestsPerSecond 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = @(Import-Csv $csv | New-WireScimUser -ThrottleLimit 16 -ErrorVariable ev -ErrorAction SilentlyContinue)
        $clock.Stop()
        $wideRate = 2000 / $clock.Elapsed.TotalSeconds
        $wideFailed = $ev.Count
        $wideCheck = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)
        $wideOut = $out.Count
    }
    finally { Stop-WireScimEmulator $emulator }

    $Scenario1.Cpu = $cpu
    $ratioDefault = $defaultRate / $naiveRate
    $ratioWide = $wideRate / $naiveRate
    $name = '1. Self-hosted, no throttling (emulator --latency-ms 20, RequestsPerSecond 0)'
    Write-Table $name @(
        , @("(a) naive Invoke-RestMethod loop, first $NaiveRows rows", "$(Format-Rate $naiveRate) users/s", '')
        , @('(b) Import-Csv \| New-WireScimUser, 2000 rows, default ThrottleLimit (16)', "$(Format-Rate $defaultRate) users/s", '')
        , @('(b) emulator requests', "$defaultRequests", '')
        , @('(b) rows failed / users output', "$defaultFailed / $defaultOut",
            (Test-Check ($defaultFailed -eq 0 -and $defaultOut -eq 2000) $name "0 failed, 2000 output"))
        , @('(b) emulator users / distinct externalIds / missing', "$($defaultCheck.Users) / $($defaultCheck.Distinct) / $($defaultCheck.Missing)",
            (Test-Check ($defaultCheck.Users -eq 2000 -and $defaultCheck.Duplicates -eq 0 -and $defaultCheck.Missing -eq 0) $name 'each user once'))
        , @('(c) same, -ThrottleLimit 16', "$(Format-Rate $wideRate) users/s", '')
        , @('(c) rows failed / users output', "$wideFailed / $wideOut",
            (Test-Check ($wideFailed -eq 0 -and $wideOut -eq 2000) $name "0 failed, 2000 output"))
        , @('(c) emulator users / distinct externalIds / missing', "$($wideCheck.Users) / $($wideCheck.Distinct) / $($wideCheck.Missing)",
            (Test-Check ($wideCheck.Users -eq 2000 -and $wideCheck.Duplicates -eq 0 -and $wideCheck.Missing -eq 0) $name 'each user once'))
        , @('ratio module (default) / naive', "$($ratioDefault.ToString('0.0', $Culture))x", (Test-Target ($ratioDefault -ge 10) '>= 10x'))
        , @('ratio module (-ThrottleLimit 16) / naive', "$($ratioWide.ToString('0.0', $Culture))x", (Test-Target ($ratioWide -ge 10) '>= 10x'))
    )
}
#endregion

#region 2 Wire Cloud limits
Invoke-Scenario '2. Wire Cloud limits' {
    $name = '2. Wire Cloud limits (emulator --rate 50 --burst 10 --throttle-status 420)'
    $csv = New-BenchCsv -Prefix 's2' -Count 1000
    $emulator = Start-BenchEmulator '--latency-ms', '20', '--rate', '50', '--burst', '10', '--throttle-status', '420'
    try {
        Connect-Bench $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = @(Import-Csv $csv | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $clock.Stop()
        $rate = 1000 / $clock.Elapsed.TotalSeconds
        $failed = $ev.Count
        $check = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)
        $stats = Get-WireScimEmulatorStats $emulator
    }
    finally { Stop-WireScimEmulator $emulator }

    # The naive loop under the same limit, with a fast server: how soon does it meet a 420?
    $naiveCsv = New-BenchCsv -Prefix 's2n' -Count $NaiveRows
    $emulator = Start-BenchEmulator '--latency-ms', '2', '--rate', '50', '--burst', '10', '--throttle-status', '420'
    try {
        $naiveFailures = 0
        $firstFailure = $null
        $statuses = @{}
        $row = 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        foreach ($item in Import-Csv $naiveCsv) {
            $row++
            try { $null = Invoke-NaiveRow $emulator $item }
            catch {
                $naiveFailures++
                $status = if ($_.Exception.PSObject.Properties['Response'] -and $_.Exception.Response) { [int]$_.Exception.Response.StatusCode } else { $_.Exception.GetType().Name }
                $statuses["$status"] = 1 + [int]$statuses["$status"]
                if ($null -eq $firstFailure) { $firstFailure = $row }
            }
        }
        $clock.Stop()
        $naiveRate = $NaiveRows / $clock.Elapsed.TotalSeconds
        $naiveStats = Get-WireScimEmulatorStats $emulator
    }
    finally { Stop-WireScimEmulator $emulator }

    $share = 100 * $rate / 50
    $statusText = ($statuses.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name): $($_.Value)" }) -join ', '
    $rowsBefore = if ($null -eq $firstFailure) { $NaiveRows } else { $firstFailure - 1 }
    Write-Table $name @(
        , @('New-WireScimUser, 1000 rows, defaults (RequestsPerSecond 50, Burst 5, ThrottleLimit 16), --latency-ms 20', "$(Format-Rate $rate) users/s", '')
        , @('share of the 50/s ceiling', "$($share.ToString('0.0', $Culture)) %", (Test-Target ($share -ge 90) '>= 90 %'))
        , @('failed rows (ErrorVariable)', "$failed", (Test-Check ($failed -eq 0) $name '0 failed'))
        , @('users output', "$($out.Count)", (Test-Check ($out.Count -eq 1000) $name '1000'))
        , @('emulator users / distinct externalIds / missing', "$($check.Users) / $($check.Distinct) / $($check.Missing)",
            (Test-Check ($check.Users -eq 1000 -and $check.Duplicates -eq 0 -and $check.Missing -eq 0) $name 'all 1000, 0 duplicates'))
        , @('emulator: requests / throttled (420)', "$($stats.totalRequests) / $($stats.throttled)", '')
        , @("naive loop, $NaiveRows rows, --latency-ms 2: rows before the first 420", "$rowsBefore", '')
        , @('naive loop: failed calls when it carries on (try/catch)', "$naiveFailures of $NaiveRows ($statusText)", '')
        , @('naive loop: rate / emulator throttled', "$(Format-Rate $naiveRate) calls/s / $($naiveStats.throttled)", '')
    )
}
#endregion

#region 3 faults
Invoke-Scenario '3. Faults' {
    $name = '3. Faults (emulator --latency-ms 5 --fault-rate 0.1 --fault-kinds 500,503,reset,commit-drop --seed 7)'
    $csv = New-BenchCsv -Prefix 's3' -Count 1000
    $emulator = Start-BenchEmulator '--latency-ms', '5', '--fault-rate', '0.1', '--fault-kinds', '500,503,reset,commit-drop', '--seed', '7'
    try {
        Connect-Bench $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = @(Import-Csv $csv | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $clock.Stop()
        $failed = $ev.Count
        $check = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)
        $stats = Get-WireScimEmulatorStats $emulator
    }
    finally { Stop-WireScimEmulator $emulator }
    $faultText = ($stats.faults.PSObject.Properties | ForEach-Object { "$($_.Name): $($_.Value)" }) -join ', '
    $firstErrors = ($ev | Select-Object -First 3 | ForEach-Object { $_.Exception.Message }) -join ' / '
    Write-Table $name @(
        , @('New-WireScimUser, 1000 rows, defaults', "$(Format-Seconds $clock.Elapsed.TotalSeconds), $(Format-Rate (1000 / $clock.Elapsed.TotalSeconds)) users/s", '')
        , @('faults injected', "$($stats.faultsInjected) ($faultText) in $($stats.totalRequests) requests", '')
        , @('failed rows (ErrorVariable)', "$failed$(if ($failed) { ": $firstErrors" })", (Test-Check ($failed -eq 0) $name '0'))
        , @('users output', "$($out.Count)", (Test-Check ($out.Count -eq 1000) $name '1000'))
        , @('emulator users / distinct externalIds / missing', "$($check.Users) / $($check.Distinct) / $($check.Missing)",
            (Test-Check ($check.Users -eq 1000 -and $check.Duplicates -eq 0 -and $check.Missing -eq 0) $name 'every externalId exactly once'))
    )
}
#endregion

#region 4 client cost
Invoke-Scenario '4. Client cost' {
    $name = '4. Client cost'
    $times = @()
    Push-Location $RepoRoot
    try {
        for ($i = 0; $i -lt 5; $i++) {
            $text = & dotnet pwsh -NoProfile -NonInteractive -c "(Measure-Command { Import-Module '$ModulePath' }).TotalMilliseconds"
            if ($LASTEXITCODE -ne 0) { throw "pwsh exited with $LASTEXITCODE while importing the module." }
            $times += [double]::Parse(($text | Select-Object -Last 1).Trim(), $Culture)
        }
    }
    finally { Pop-Location }
    $median = ($times | Sort-Object)[2]
    $cpuRows = if ($Scenario1.ContainsKey('Cpu')) {
        $perThousand = $Scenario1.Cpu / 2
        , @('CPU of this pwsh process per 1000 users (scenario 1b; the emulator runs in its own process)', "$($perThousand.ToString('0.00', $Culture)) s", '')
    }
    else { , @('CPU per 1000 users', 'not measured (scenario 1 broke)', '') }
    Write-Table $name @(
        , $cpuRows
        , @('Import-Module in a fresh pwsh, median of 5', "$($median.ToString('0', $Culture)) ms (runs: $(($times | ForEach-Object { $_.ToString('0', $Culture) }) -join ', '))",
            (Test-Target ($median -lt 300) '< 300 ms'))
    )
}
#endregion

#region 5 sync
$SyncRate = $null
Invoke-Scenario '5. Sync' {
    $name = '5. Sync-WireScimUser -StatePath, 2000 rows (emulator --latency-ms 20, RequestsPerSecond 0)'
    $csv = New-BenchCsv -Prefix 's5' -Count 2000
    $state = Join-Path $Work 's5.state.json'
    $emulator = Start-BenchEmulator '--latency-ms', '20'
    try {
        Connect-Bench $emulator -RequestsPerSecond 0
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -ErrorVariable ev1 -ErrorAction SilentlyContinue)
        $clock.Stop()
        $firstTime = $clock.Elapsed.TotalSeconds
        $firstStats = Get-WireScimEmulatorStats $emulator
        Reset-WireScimEmulatorStats $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $second = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -ErrorVariable ev2 -ErrorAction SilentlyContinue)
        $clock.Stop()
        $secondTime = $clock.Elapsed.TotalSeconds
        $secondStats = Get-WireScimEmulatorStats $emulator
        $check = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)
    }
    finally { Stop-WireScimEmulator $emulator }
    $script:SyncRate = 2000 / $firstTime
    $ratio = $firstTime / $secondTime
    $actions1 = ($first | Group-Object Action | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
    $actions2 = ($second | Group-Object Action | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
    Write-Table $name @(
        , @('first run', "$(Format-Seconds $firstTime) ($(Format-Rate (2000 / $firstTime)) rows/s; $($firstStats.totalRequests) requests; $actions1)", '')
        , @('second run, same file', "$(Format-Seconds $secondTime) ($actions2)", '')
        , @('ratio first / second', "$($ratio.ToString('0.0', $Culture))x", (Test-Target ($ratio -ge 20) '>= 20x'))
        , @('emulator requests during the second run', "$($secondStats.totalRequests)", (Test-Target ($secondStats.totalRequests -eq 0) '0'))
        , @('failed rows first / second run', "$($ev1.Count) / $($ev2.Count)", (Test-Check ($ev1.Count -eq 0 -and $ev2.Count -eq 0) $name '0 / 0'))
        , @('emulator users / distinct externalIds / missing', "$($check.Users) / $($check.Distinct) / $($check.Missing)",
            (Test-Check ($check.Users -eq 2000 -and $check.Duplicates -eq 0 -and $check.Missing -eq 0) $name 'each user once'))
    )
}
#endregion

#region 6 endurance
$EnduranceRows = 20000
$elapsedMinutes = $Total.Elapsed.TotalMinutes
# Estimate: the 2,000 + 20,000 rows at the first-sync rate of scenario 5, times 1.5 for faults and retries.
$estimateMinutes = if ($SyncRate) { 1.5 * (2000 + $EnduranceRows) / $SyncRate / 60 } else { [double]::PositiveInfinity }
$runEndurance = if (6 -notin $Scenario) { $false } elseif ($SkipEndurance) { $false } elseif ($Endurance) { $true } else { $elapsedMinutes + $estimateMinutes -le $BudgetMinutes }
if (-not $runEndurance -and 6 -in $Scenario) {
    Write-Output ''
    Write-Output '### 6. Endurance'
    Write-Output ''
    Write-Output ("Skipped: {0}." -f $(if ($SkipEndurance) { '-SkipEndurance' } else {
                "estimated {0:0.0} min after {1:0.0} min so far would pass the {2} min budget (run with -Endurance to force it)" -f $estimateMinutes, $elapsedMinutes, $BudgetMinutes }))
}
else {
    Invoke-Scenario '6. Endurance' {
        $name = "6. Endurance: Sync-WireScimUser, faults 10 % (500,503,reset,commit-drop), RequestsPerSecond 0, ThrottleLimit 16"
        $small = New-BenchCsv -Prefix 's6a' -Count 2000
        $large = New-BenchCsv -Prefix 's6b' -Count $EnduranceRows
        $emulator = Start-BenchEmulator '--fault-rate', '0.1', '--fault-kinds', '500,503,reset,commit-drop', '--seed', '11'
        try {
            Connect-Bench $emulator -RequestsPerSecond 0
            $results = @{}
            $failures = [Collections.Generic.List[string]]::new()
            foreach ($run in @(@{ Csv = $small; Rows = 2000 }, @{ Csv = $large; Rows = $EnduranceRows })) {
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $count = 0; $failedResults = 0
                Import-Csv $run.Csv | Sync-WireScimUser -StatePath (Join-Path $Work "s6-$($run.Rows).state.json") -ThrottleLimit 16 -ErrorVariable ev -ErrorAction SilentlyContinue |
                    ForEach-Object { $count++; if ($_.Action -eq 'Failed') { $failedResults++; $failures.Add("$($_.ErrorId): $($_.Error)") } }
                $clock.Stop()
                $process = Get-Process -Id $PID
                $results[$run.Rows] = [pscustomobject]@{
                    # A failed row gives both a 'Failed' result and an error record: count rows by the results.
                    Seconds = $clock.Elapsed.TotalSeconds; Count = $count; Failed = $failedResults; Errors = $ev.Count
                    PeakMB = $process.PeakWorkingSet64 / 1MB; WorkingMB = $process.WorkingSet64 / 1MB
                }
            }
            $check = Test-EmulatorUsers $emulator @((Get-CsvExternalId $small) + (Get-CsvExternalId $large))
            $stats = Get-WireScimEmulatorStats $emulator
        }
        finally { Stop-WireScimEmulator $emulator }
        $a = $results[2000]; $b = $results[$EnduranceRows]
        Write-Table $name @(
            , @('2,000 rows', "$(Format-Seconds $a.Seconds) ($(Format-Rate (2000 / $a.Seconds)) rows/s), $($a.Count) results, $($a.Failed) failed rows, $($a.Errors) error records", '')
            , @("$($EnduranceRows.ToString('N0', $Culture)) rows", "$(Format-Seconds $b.Seconds) ($(Format-Rate ($EnduranceRows / $b.Seconds)) rows/s), $($b.Count) results, $($b.Failed) failed rows, $($b.Errors) error records", '')
            , @('failed rows', "$($a.Failed + $b.Failed)$(if ($failures.Count) { ': ' + (($failures | Select-Object -First 3) -join ' / ') })", (Test-Check ($a.Failed + $b.Failed -eq 0) $name '0 failed rows'))
            , @('faults injected', "$($stats.faultsInjected) in $($stats.totalRequests) requests", '')
            , @('emulator users / distinct externalIds / missing', "$($check.Users) / $($check.Distinct) / $($check.Missing)",
                (Test-Check ($check.Users -eq 2000 + $EnduranceRows -and $check.Duplicates -eq 0 -and $check.Missing -eq 0) $name 'every user exactly once'))
            , @('peak working set of this pwsh after 2,000 rows', "$($a.PeakMB.ToString('0', $Culture)) MB (current $($a.WorkingMB.ToString('0', $Culture)) MB)", '')
            , @("peak working set after $($EnduranceRows.ToString('N0', $Culture)) rows", "$($b.PeakMB.ToString('0', $Culture)) MB (current $($b.WorkingMB.ToString('0', $Culture)) MB)", '')
        )
    }
}
#endregion

#region 7 sync at the Wire Cloud limit
Invoke-Scenario '7. Sync at the Wire Cloud limit' {
    $name = "7. Sync-WireScimUser at Wire Cloud's limit (emulator --rate 50 --burst 10 --throttle-status 420 --latency-ms 5; client defaults)"
    $csv = New-BenchCsv -Prefix 's7' -Count 2000
    $state = Join-Path $Work 's7.state.json'
    $emulator = Start-BenchEmulator '--latency-ms', '5', '--rate', '50', '--burst', '10', '--throttle-status', '420'
    try {
        Connect-Bench $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $first = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -ErrorVariable ev1 -ErrorAction SilentlyContinue -InformationAction Ignore)
        $clock.Stop()
        $firstTime = $clock.Elapsed.TotalSeconds
        $firstStats = Get-WireScimEmulatorStats $emulator
        $check = Test-EmulatorUsers $emulator (Get-CsvExternalId $csv)

        # 1,000 of the 2,000 rows get a new display name.
        $changed = Join-Path $Work 's7-changed.csv'
        $n = 0
        Import-Csv $csv | ForEach-Object { $n++; if ($n % 2 -eq 0) { $_.DisplayName = "$($_.DisplayName) (moved)" }; $_ } | Export-Csv $changed -NoTypeInformation
        Reset-WireScimEmulatorStats $emulator
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $second = @(Import-Csv $changed | Sync-WireScimUser -StatePath $state -ErrorVariable ev2 -ErrorAction SilentlyContinue -InformationAction Ignore)
        $clock.Stop()
        $secondTime = $clock.Elapsed.TotalSeconds
        $secondStats = Get-WireScimEmulatorStats $emulator
        $updated = @($second | Where-Object Action -EQ 'Updated').Count
    }
    finally { Stop-WireScimEmulator $emulator }

    $rate = 2000 / $firstTime
    $perNew = $firstStats.totalRequests / 2000
    $perChanged = if ($updated) { $secondStats.totalRequests / $updated } else { [double]::NaN }
    $changedRate = $updated / $secondTime
    $actions1 = ($first | Group-Object Action | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
    $rows = @(
        , @('first sync, 2,000 new users', "$(Format-Seconds $firstTime), $(Format-Rate $rate) users/s ($actions1)", (Test-Target ($rate -ge 47.5) '>= 47.5 users/s, 95 % of 50/s'))
        , @('requests per new user', "$($perNew.ToString('0.00', $Culture)) ($($firstStats.totalRequests) requests)", (Test-Target ($perNew -le 1.0) '1.0'))
        , @('throttled (420) / failed rows', "$($firstStats.throttled) / $($ev1.Count)", (Test-Check ($ev1.Count -eq 0) $name '0 failed') + '; ' + (Test-Target ($firstStats.throttled -eq 0) '0 throttled'))
        , @('emulator users / distinct externalIds / missing', "$($check.Users) / $($check.Distinct) / $($check.Missing)",
            (Test-Check ($check.Users -eq 2000 -and $check.Duplicates -eq 0 -and $check.Missing -eq 0) $name 'each user once'))
        , @('1,000 of the rows with a new display name', "$(Format-Seconds $secondTime), $updated updated, $(Format-Rate $changedRate) users/s", (Test-Check ($updated -eq 1000 -and $ev2.Count -eq 0) $name '1000 updated, 0 failed'))
        , @('requests per changed user', "$($perChanged.ToString('0.00', $Culture)) ($($secondStats.totalRequests) requests: $((($secondStats.routes.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', ')))", (Test-Target ($perChanged -le 1.0) '1.0'))
    )

    # Unchanged reruns. A state file for 100,000 users would take 33 minutes to make at 50 requests/s, so the bench
    # writes the state files itself, in the format the sync writes after creating such rows (invitation mode), for
    # users the emulator does not hold: an unchanged row is decided from the state file alone and sends nothing, so
    # a request would show as a failed row. Each size runs in a fresh pwsh for its own peak working set.
    $emulator = Start-BenchEmulator '--latency-ms', '5', '--rate', '50', '--burst', '10', '--throttle-status', '420'
    try {
        foreach ($size in 2000, 20000, 100000) {
            $sizeCsv = New-BenchCsv -Prefix 's7u' -Count $size
            $sizeState = Join-Path $Work "s7u-$size.state.json"
            $writer = [IO.StreamWriter]::new($sizeState, $false, [Text.UTF8Encoding]::new($false))
            $writer.Write('{"Format":2,"Instance":"' + $emulator.ScimUri + '","Users":[')
            $i = 0
            foreach ($line in [IO.File]::ReadLines($sizeCsv)) {
                if ($i++ -eq 0) { continue }
                $parts = $line.Split(',')
                if ($i -gt 2) { $writer.Write(',') }
                $writer.Write('{"Id":"' + [guid]::NewGuid() + '","ExternalId":"' + $parts[2] + '","UserName":"' + $parts[0] + '","Sent":{"UserName":"' + $parts[0] +
                    '","DisplayName":"' + $parts[1] + '","ExternalId":"' + $parts[2] + '"},"Pending":true}')
            }
            $writer.Write(']}')
            $writer.Dispose()
            Reset-WireScimEmulatorStats $emulator
            $child = Join-Path $Work 's7-unchanged.ps1'
            Set-Content -LiteralPath $child -Value @'
param($ModulePath, $Uri, $Token, $Csv, $State)
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
Connect-WireScim -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
$clock = [Diagnostics.Stopwatch]::StartNew()
$unchanged = 0; $other = 0
Import-Csv $Csv | Sync-WireScimUser -StatePath $State -InformationAction Ignore | ForEach-Object { if ($_.Action -eq 'Unchanged') { $unchanged++ } else { $other++ } }
$clock.Stop()
[pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Unchanged = $unchanged; Other = $other; PeakMB = (Get-Process -Id $PID).PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress
'@
            $json = & dotnet pwsh -NoProfile -NonInteractive -File $child -ModulePath $ModulePath -Uri $emulator.Uri -Token $Token -Csv $sizeCsv -State $sizeState
            $run = ($json | Select-Object -Last 1) | ConvertFrom-Json
            $requests = (Get-WireScimEmulatorStats $emulator).totalRequests
            $rows += , @("unchanged rerun, $($size.ToString('N0', $Culture)) rows", "$(Format-Seconds $run.Seconds) ($(Format-Rate ($size / $run.Seconds)) rows/s), $requests requests, peak working set $(([double]$run.PeakMB).ToString('0', $Culture)) MB",
                (Test-Check ($run.Unchanged -eq $size -and $run.Other -eq 0 -and $requests -eq 0) $name "$size Unchanged, 0 requests"))
            Remove-Item $sizeCsv, $sizeState -ErrorAction Ignore
        }
    }
    finally { Stop-WireScimEmulator $emulator }
    Write-Table $name $rows
}
#endregion

#region 8 groups
Invoke-Scenario '8. Groups' {
    $groupCount = 200; $groupSize = 50; $poolSize = 1000
    $idp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
    $users = New-BenchCsv -Prefix 's8' -Count $poolSize
    # What Get-ADGroup plus Get-ADGroupMember give: one object per group, members as ADPrincipals (SamAccountName).
    $handles = @(Import-Csv $users | ForEach-Object UserName)
    $ad = @(for ($g = 0; $g -lt $groupCount; $g++) {
            [pscustomobject]@{
                ObjectGUID = [guid]::new('{0:x8}-0000-4000-8000-000000000000' -f $g); Name = "Bench Group $g"; DisplayName = "Bench Group $g"
                Member = @(for ($k = 0; $k -lt $groupSize; $k++) { [pscustomobject]@{ SamAccountName = $handles[($g * 37 + $k * 19) % $poolSize]; ObjectClass = 'user' } })
            }
        })
    $rows = [Collections.Generic.List[object[]]]::new()
    foreach ($setup in @(
            @{ Label = 'self-hosted (--latency-ms 20, RequestsPerSecond 0)'; Arguments = @('--latency-ms', '20'); Rate = 0 },
            @{ Label = "Wire Cloud's limit (--rate 50 --burst 10 --throttle-status 420)"; Arguments = @('--latency-ms', '20', '--rate', '50', '--burst', '10', '--throttle-status', '420'); Rate = 50 })) {
        $state = Join-Path $Work "s8-$($setup.Rate).state.json"
        $emulator = Start-BenchEmulator (@('--idp', $idp) + $setup.Arguments)
        try {
            Connect-Bench $emulator -RequestsPerSecond $setup.Rate
            $null = Import-Csv $users | New-WireScimUser
            $runs = foreach ($run in 'first run', 'unchanged rerun') {
                Reset-WireScimEmulatorStats $emulator
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $out = @($ad | Sync-WireScimGroup -StatePath $state -ErrorVariable ev -ErrorAction SilentlyContinue)
                $clock.Stop()
                $stats = Get-WireScimEmulatorStats $emulator
                $groupRequests = 0
                foreach ($method in $stats.groupRequests.PSObject.Properties) { $groupRequests += [long]$method.Value }
                [pscustomobject]@{ Run = $run; Seconds = $clock.Elapsed.TotalSeconds; Total = $stats.totalRequests; Groups = [long]$groupRequests
                    Lookups = $stats.totalRequests - [long]$groupRequests; Throttled = $stats.throttled; Errors = $ev.Count
                    Actions = ($out | Group-Object Action | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', ' }
            }
            $record = @(Invoke-RestMethod -Uri "$($emulator.Uri)/_emulator/groups" | ForEach-Object { $_ })
        }
        finally { Stop-WireScimEmulator $emulator }
        $complete = @($record | Where-Object { @($_.members).Count -eq $groupSize }).Count
        foreach ($r in $runs) {
            $rows.Add(@("$($setup.Label): $($r.Run)", "$(Format-Seconds $r.Seconds); $($r.Total) requests ($($r.Groups) on /Groups, $($r.Lookups) user look-ups); $($r.Throttled) throttled; $($r.Actions)",
                    $(if ($r.Run -eq 'unchanged rerun') { Test-Target ($r.Total -eq 0) '0 requests' } else { '' })))
        }
        $rows.Add(@("$($setup.Label): emulator groups / with all $groupSize members", "$($record.Count) / $complete",
                (Test-Check ($record.Count -eq $groupCount -and $complete -eq $groupCount -and @($runs | Where-Object Errors -GT 0).Count -eq 0) '8. Groups' "$groupCount / $groupCount, no errors")))
    }
    Write-Table "8. Sync-WireScimGroup: $groupCount AD-shaped groups of $groupSize members ($poolSize distinct users)" $rows.ToArray()
}
#endregion

Remove-Item $Work -Recurse -Force -ErrorAction Ignore
Write-Output ''
Write-Output ("Total: {0:0.0} s" -f $Total.Elapsed.TotalSeconds)
if ($Broken.Count -gt 0) {
    Write-Output ''
    Write-Output "**Broken ($($Broken.Count))**:"
    $Broken | ForEach-Object { Write-Output "- $_" }
    exit 1
}
exit 0
