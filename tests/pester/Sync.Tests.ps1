# Sync-WireScimUser as a nightly job uses it: a CSV export, a state file, reruns, users that leave, a run that dies.
# Each Describe runs against its own local emulator (SAML mode, so users are active at once and show their role);
# the assertions read the emulator's own view and request counters, not only what the cmdlet says.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $script:RepoRoot = Split-Path (Split-Path $PSScriptRoot)
    $script:SamlIdp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

    function Start-SyncEmulator {
        param([Parameter(Mandatory)] [string] $Token, [string[]] $ArgumentList = @())
        Start-TestEmulator -Token $Token -ArgumentList (@('--idp', $script:SamlIdp) + $ArgumentList)
    }

    function New-StaffCsv {
        <#
        A staff export in $TestDrive: row n is handle uNNN, externalId uNNN@example.com, 'Staff Member n', German,
        Department 'Dept n'; user 2 is an admin. -DisplayName overrides names by number, -Line adds raw rows at the end.
        #>
        param(
            [Parameter(Mandatory)] [string] $Name,
            [int[]] $Number = @(),
            [hashtable] $DisplayName = @{},
            [string[]] $Line = @()
        )
        $rows = foreach ($n in $Number) {
            $display = if ($DisplayName.ContainsKey($n)) { $DisplayName[$n] } else { "Staff Member $n" }
            $role = if ($n -eq 2) { 'admin' } else { 'member' }
            'u{0:000},{1},u{0:000}@example.com,de,{2},Dept {0}' -f $n, $display, $role
        }
        New-TestCsv -Name $Name -Line (@('UserName,DisplayName,ExternalId,Language,Role,Department') + @($rows) + $Line)
    }

    function Get-UserCountByExternalId {
        <# externalId -> how many users the emulator holds with it. #>
        param([Parameter(Mandatory)] $Emulator)
        $counts = @{}
        foreach ($user in Get-EmulatorUser -Emulator $Emulator) { $counts[$user.externalId] = 1 + [int]$counts[$user.externalId] }
        $counts
    }

    function Get-ResultFor {
        param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Result, [Parameter(Mandatory)] [string] $UserName)
        @($Result | Where-Object UserName -CEQ $UserName)
    }

    function Get-RouteCount {
        param([Parameter(Mandatory)] $Stats, [Parameter(Mandatory)] [string] $Route)
        $property = $Stats.routes.PSObject.Properties[$Route]
        if ($property) { [long]$property.Value } else { 0L }
    }
}

Describe 'Sync-WireScimUser: first run with good and bad rows' {
    BeforeAll {
        $token = 'pester-sync-first'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $csv = New-StaffCsv -Name 'first.csv' -Number 1, 2 -Line @(
            'bad name,Bad Name,bad.name@example.com,de,member,Dept X'
            'u004,Staff Member 4,u004@example.com,de,member,Dept 4'
            'u005,Staff Member 5,u005@example.com,english,member,Dept 5'
            'u006,Staff Member 6,u006@example.com,de,member,Dept 6'
        )
        $ev = $null
        $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath (Join-Path $TestDrive 'first.json') -RichInfoProperty Department -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'returns one result per input row' {
        $results.Count | Should -Be 6
        ($results.Row | Sort-Object) | Should -Be @(1, 2, 3, 4, 5, 6)
    }

    It 'creates every valid row, and only those' {
        @($results | Where-Object Action -EQ 'Created').Row | Sort-Object | Should -Be @(1, 2, 4, 6)
        (Get-EmulatorUser -Emulator $emulator).userName | Sort-Object | Should -Be @('u001', 'u002', 'u004', 'u006')
        Get-RouteCount -Stats $stats -Route 'POST /scim/v2/Users' | Should -Be 4
    }

    It 'gives each created row the id Wire assigned, with its attributes' {
        foreach ($result in $results | Where-Object Action -EQ 'Created') {
            $stored = Get-EmulatorUser -Emulator $emulator -UserName $result.UserName
            $result.Id | Should -Be $stored.id
            $result.ExternalId | Should -Be $stored.externalId
        }
        $u002 = Get-WireScimUser -UserName u002
        $u002.RichInfo['Department'] | Should -Be 'Dept 2'
        $u002.Role | Should -Be 'admin'
        $u002.PreferredLanguage | Should -Be 'de'
    }

    It 'reports invalid row <Row> as Failed with the error text' -ForEach @(
        @{ Row = 3; Text = "*bad name*" }
        @{ Row = 5; Text = "*english*" }
    ) {
        $result = @($results | Where-Object Row -EQ $Row)
        $result.Count | Should -Be 1
        $result[0].Action | Should -Be 'Failed'
        $result[0].Error | Should -BeLike "Row $Row*"
        $result[0].Error | Should -BeLike $Text
        $result[0].ErrorId | Should -Not -BeNullOrEmpty
    }

    It 'writes one non-terminating error per invalid row and none for the others' {
        $errors.Count | Should -Be 2
        (Get-ErrorFor -ErrorRecord $errors -Row 3).Count | Should -Be 1
        (Get-ErrorFor -ErrorRecord $errors -Row 5).Count | Should -Be 1
        (Get-ErrorFor -ErrorRecord $errors -Row 5)[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidLanguage*'
    }
}

Describe 'Sync-WireScimUser: reruns with a state file' {
    BeforeAll {
        $token = 'pester-sync-rerun'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'rerun.json'
        $csv = New-StaffCsv -Name 'rerun.csv' -Number (1..5)
        $changedCsv = New-StaffCsv -Name 'rerun-changed.csv' -Number (1..5) -DisplayName @{ 2 = 'Dana Renamed' }
        $first = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -RichInfoProperty Department)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates the five users on the first run and saves the state file' {
        @($first | Where-Object Action -EQ 'Created').Count | Should -Be 5
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 5
        Test-Path $state | Should -BeTrue
    }

    Context 'the same CSV again' {
        BeforeAll {
            Reset-WireScimEmulatorStats -Emulator $emulator
            $second = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -RichInfoProperty Department)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
        }

        It 'reports every row Unchanged' {
            $second.Count | Should -Be 5
            @($second | Where-Object Action -EQ 'Unchanged').Count | Should -Be 5
            ($second.Row | Sort-Object) | Should -Be @(1, 2, 3, 4, 5)
        }

        It 'sends no writes and no look-ups' {
            $stats.writes | Should -Be 0
            $stats.lookups | Should -Be 0
        }
    }

    Context 'one display name changed in the CSV' {
        BeforeAll {
            Reset-WireScimEmulatorStats -Emulator $emulator
            $third = @(Import-Csv $changedCsv | Sync-WireScimUser -StatePath $state -RichInfoProperty Department)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
            $u002 = Get-WireScimUser -UserName u002
        }

        It 'updates that row, naming DisplayName old -> new' {
            $mine = Get-ResultFor -Result $third -UserName u002
            $mine.Count | Should -Be 1
            $mine[0].Action | Should -Be 'Updated'
            $mine[0].ChangeList.Count | Should -Be 1
            $mine[0].ChangeList[0].Attribute | Should -Be 'DisplayName'
            $mine[0].ChangeList[0].OldValue | Should -Be 'Staff Member 2'
            $mine[0].ChangeList[0].NewValue | Should -Be 'Dana Renamed'
            $mine[0].Changes | Should -Be "DisplayName: 'Staff Member 2' -> 'Dana Renamed'"
        }

        It 'leaves the other rows Unchanged' {
            @($third | Where-Object UserName -NE 'u002' | Where-Object Action -EQ 'Unchanged').Count | Should -Be 4
            $third.Count | Should -Be 5
        }

        It 'sends one PATCH for the changed user and nothing else (no GET: the state remembers what was sent)' {
            $stats.writes | Should -Be 1
            $stats.lookups | Should -Be 0
            $stats.totalRequests | Should -Be 1
            $id = (Get-EmulatorUser -Emulator $emulator -UserName u002).id
            Get-RouteCount -Stats $stats -Route 'PATCH /scim/v2/Users/{id}' | Should -Be 1
            $id | Should -Be (Get-ResultFor -Result $third -UserName u002)[0].Id
        }

        It 'keeps rich info, language and role of the changed user' {
            $u002.DisplayName | Should -Be 'Dana Renamed'
            $u002.RichInfo['Department'] | Should -Be 'Dept 2'
            $u002.PreferredLanguage | Should -Be 'de'
            $u002.Role | Should -Be 'admin'
            (Get-EmulatorUser -Emulator $emulator -UserName u002).displayName | Should -Be 'Dana Renamed'
        }
    }

    Context 'a display name changed on the server' {
        BeforeAll {
            Set-WireScimUser -UserName u004 -DisplayName 'Changed Elsewhere'
            $quick = @(Import-Csv $changedCsv | Sync-WireScimUser -StatePath $state -RichInfoProperty Department)
            $afterQuick = (Get-EmulatorUser -Emulator $emulator -UserName u004).displayName
            $full = @(Import-Csv $changedCsv | Sync-WireScimUser -StatePath $state -RichInfoProperty Department -Full)
            $afterFull = (Get-EmulatorUser -Emulator $emulator -UserName u004).displayName
        }

        It 'is not noticed without -Full' {
            (Get-ResultFor -Result $quick -UserName u004)[0].Action | Should -Be 'Unchanged'
            $afterQuick | Should -Be 'Changed Elsewhere'
        }

        It 'is restored to the CSV value with -Full' {
            $mine = Get-ResultFor -Result $full -UserName u004
            $mine[0].Action | Should -Be 'Updated'
            $mine[0].Changes | Should -Be "DisplayName: 'Changed Elsewhere' -> 'Staff Member 4'"
            $afterFull | Should -Be 'Staff Member 4'
        }

        It 'leaves the rows that match Wire Unchanged under -Full' {
            @($full | Where-Object UserName -NE 'u004' | Where-Object Action -EQ 'Unchanged').Count | Should -Be 4
        }
    }
}

Describe 'Sync-WireScimUser: adopting a user created outside the sync' {
    BeforeAll {
        $token = 'pester-sync-adopt'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $existing = New-WireScimUser -UserName u002 -DisplayName 'Made By Hand' -ExternalId 'u002@example.com' -PreferredLanguage de -Role admin
        Reset-WireScimEmulatorStats -Emulator $emulator
        $state = Join-Path $TestDrive 'adopt.json'
        $csv = New-StaffCsv -Name 'adopt.csv' -Number 1, 2, 3
        $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $again = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'reports the existing user (same externalId) Adopted with its Wire id' {
        $mine = Get-ResultFor -Result $results -UserName u002
        $mine.Count | Should -Be 1
        $mine[0].Action | Should -Be 'Adopted'
        $mine[0].Id | Should -Be $existing.Id
        $mine[0].Changes | Should -BeLike "*DisplayName: 'Made By Hand' -> 'Staff Member 2'*"
    }

    It 'creates the others and no duplicate (one POST per row; the refused one is looked up by externalId)' {
        @($results | Where-Object Action -EQ 'Created').UserName | Sort-Object | Should -Be @('u001', 'u003')
        Get-RouteCount -Stats $stats -Route 'POST /scim/v2/Users' | Should -Be 3
        $stats.lookups | Should -Be 1
        $counts = Get-UserCountByExternalId -Emulator $emulator
        $counts['u002@example.com'] | Should -Be 1
        $counts.Count | Should -Be 3
        (Get-EmulatorUser -Emulator $emulator -UserName u002).displayName | Should -Be 'Staff Member 2'
    }

    It 'remembers the adopted user: the next run finds it Unchanged' {
        (Get-ResultFor -Result $again -UserName u002)[0].Action | Should -Be 'Unchanged'
        @($again | Where-Object Action -EQ 'Unchanged').Count | Should -Be 3
    }
}

Describe 'Sync-WireScimUser: users missing from the input' {
    BeforeAll {
        $token = 'pester-sync-missing'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'missing.json'
        $null = Import-Csv (New-StaffCsv -Name 'all-five.csv' -Number (1..5)) | Sync-WireScimUser -StatePath $state
        $four = New-StaffCsv -Name 'four.csv' -Number 1, 2, 3, 5
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    Context '-MissingAction Disable' {
        BeforeAll {
            $disable = @(Import-Csv $four | Sync-WireScimUser -StatePath $state -MissingAction Disable)
            $u004 = Get-EmulatorUser -Emulator $emulator -UserName u004
        }

        It 'disables the user that left (active false in Wire)' {
            $mine = Get-ResultFor -Result $disable -UserName u004
            $mine.Count | Should -Be 1
            $mine[0].Action | Should -Be 'Disabled'
            $mine[0].Row | Should -BeNullOrEmpty -Because 'a user missing from the input has no row'
            $u004 | Should -Not -BeNullOrEmpty
            $u004.active | Should -BeFalse
        }

        It 'leaves the others active and Unchanged' {
            @($disable | Where-Object Action -EQ 'Unchanged').Count | Should -Be 4
            @(Get-EmulatorUser -Emulator $emulator | Where-Object active -EQ $true).Count | Should -Be 4
        }
    }

    Context '-MissingAction Remove' {
        BeforeAll {
            $remove = @(Import-Csv $four | Sync-WireScimUser -StatePath $state -MissingAction Remove)
        }

        It 'removes the user that left from Wire' {
            (Get-ResultFor -Result $remove -UserName u004)[0].Action | Should -Be 'Removed'
            Get-EmulatorUser -Emulator $emulator -UserName u004 | Should -BeNullOrEmpty
            (Get-EmulatorUser -Emulator $emulator).userName | Sort-Object | Should -Be @('u001', 'u002', 'u003', 'u005')
        }
    }
}

Describe 'Sync-WireScimUser: deletion guard' {
    BeforeAll {
        $token = 'pester-sync-guard'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'guard.json'
        $null = Import-Csv (New-StaffCsv -Name 'twenty.csv' -Number (1..20)) | Sync-WireScimUser -StatePath $state
        $truncated = New-StaffCsv -Name 'truncated.csv' -Number 1, 2, 3
        $headerOnly = New-StaffCsv -Name 'header-only.csv'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'holds back an empty input (<Case>)' -ForEach @(
        @{ Case = 'empty array piped' }
        @{ Case = 'header-only CSV' }
    ) {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ev = $null
        $rows = if ($Case -eq 'header-only CSV') { @(Import-Csv $headerOnly) } else { @() }
        $rows.Count | Should -Be 0
        $results = @($rows | Sync-WireScimUser -StatePath $state -MissingAction Remove -ErrorVariable ev -ErrorAction SilentlyContinue)
        $results.Count | Should -Be 20
        @($results | Where-Object Action -EQ 'Skipped').Count | Should -Be 20
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DeletionGuard*'
        $ev[0].Exception.Message | Should -BeLike '*-Force*'
        (Get-WireScimEmulatorStats -Emulator $emulator).writes | Should -Be 0
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 20
    }

    It 'holds back a truncated file (3 of 20 rows)' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ev = $null
        $results = @(Import-Csv $truncated | Sync-WireScimUser -StatePath $state -MissingAction Remove -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($results | Where-Object Action -EQ 'Skipped').Count | Should -Be 17
        @($results | Where-Object Action -EQ 'Unchanged').UserName | Sort-Object | Should -Be @('u001', 'u002', 'u003')
        @($results | Where-Object Action -EQ 'Skipped' | Where-Object UserName -In 'u001', 'u002', 'u003').Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DeletionGuard*'
        $ev[0].Exception.Message | Should -BeLike '*-Force*'
        (Get-WireScimEmulatorStats -Emulator $emulator).writes | Should -Be 0
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 20
    }

    It 'removes them with -Force' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ev = $null
        $results = @(Import-Csv $truncated | Sync-WireScimUser -StatePath $state -MissingAction Remove -Force -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 0
        @($results | Where-Object Action -EQ 'Removed').Count | Should -Be 17
        Get-RouteCount -Stats (Get-WireScimEmulatorStats -Emulator $emulator) -Route 'DELETE /scim/v2/Users/{id}' | Should -Be 17
        (Get-EmulatorUser -Emulator $emulator).userName | Sort-Object | Should -Be @('u001', 'u002', 'u003')
    }
}

Describe 'Sync-WireScimUser -WhatIf' {
    BeforeAll {
        $token = 'pester-sync-whatif'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'whatif.json'
        $null = Import-Csv (New-StaffCsv -Name 'whatif-first.csv' -Number 1, 2, 3) | Sync-WireScimUser -StatePath $state
        $stateBefore = Get-Content -Raw $state
        $journalBefore = if (Test-Path "$state.journal") { Get-Content -Raw "$state.journal" } else { $null }
        # u001 as before, u002 renamed, u003 gone, u004 new.
        $csv = New-StaffCsv -Name 'whatif.csv' -Number 1, 2, 4 -DisplayName @{ 2 = 'Dana Renamed' }
        Reset-WireScimEmulatorStats -Emulator $emulator
        $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -MissingAction Remove -WhatIf)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $stateAfter = Get-Content -Raw $state
        $journalAfter = if (Test-Path "$state.journal") { Get-Content -Raw "$state.journal" } else { $null }
        $users = @(Get-EmulatorUser -Emulator $emulator)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'sends nothing at all: the changed row is compared with what the state file remembers' {
        $stats.totalRequests | Should -Be 0
        $users.userName | Sort-Object | Should -Be @('u001', 'u002', 'u003')
        ($users | Where-Object userName -EQ 'u002').displayName | Should -Be 'Staff Member 2'
    }

    It 'reports WouldCreate for the new row, saying it was not looked up' {
        $mine = Get-ResultFor -Result $results -UserName u004
        $mine[0].Action | Should -Be 'WouldCreate'
        $mine[0].Note | Should -BeLike 'Not looked up*'
    }

    It 'reports WouldUpdate with the change attribute by attribute' {
        $mine = Get-ResultFor -Result $results -UserName u002
        $mine[0].Action | Should -Be 'WouldUpdate'
        $mine[0].ChangeList.Count | Should -Be 1
        $mine[0].ChangeList[0].Attribute | Should -Be 'DisplayName'
        $mine[0].ChangeList[0].OldValue | Should -Be 'Staff Member 2'
        $mine[0].ChangeList[0].NewValue | Should -Be 'Dana Renamed'
    }

    It 'reports WouldRemove for the user that left, and keeps it' {
        (Get-ResultFor -Result $results -UserName u003)[0].Action | Should -Be 'WouldRemove'
    }

    It 'does not change the state file' {
        $stateAfter | Should -BeExactly $stateBefore
        $journalAfter | Should -BeExactly $journalBefore
    }

    It 'leaves the work for the real run' {
        $real = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -MissingAction Remove)
        (Get-ResultFor -Result $real -UserName u002)[0].Action | Should -Be 'Updated'
        (Get-ResultFor -Result $real -UserName u004)[0].Action | Should -Be 'Created'
        (Get-ResultFor -Result $real -UserName u003)[0].Action | Should -Be 'Removed'
    }
}

Describe 'Sync-WireScimUser: a run killed half-way' {
    BeforeAll {
        $token = 'pester-sync-killed'
        # One request per new user: 100 ms each at 2 in flight keeps the 300 rows going for about 15 s, time to kill it.
        $emulator = Start-SyncEmulator -Token $token -ArgumentList '--latency-ms', '100'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'killed.json'
        $csv = New-StaffCsv -Name 'three-hundred.csv' -Number (1..300)
        $script = Join-Path $TestDrive 'partial-sync.ps1'
        Set-Content -LiteralPath $script -Encoding utf8 -Value @'
param($Uri, $Token, $CsvPath, $StatePath)
$ErrorActionPreference = 'Stop'
Import-Module $env:WIRESCIM_MODULE
Connect-WireScim -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
Import-Csv $CsvPath | Sync-WireScimUser -StatePath $StatePath -ThrottleLimit 2 | Out-Null
'@
        $child = Start-ChildPwsh -ArgumentList '-File', $script, '-Uri', $emulator.ScimUri, '-Token', $token, '-CsvPath', $csv, '-StatePath', $state
        $countAtKill = 0
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ($countAtKill -lt 100 -and -not $child.Process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
            $null = $child.Process.WaitForExit(50)
            $countAtKill = @(Get-EmulatorUser -Emulator $emulator).Count
        }
        $exitedOnItsOwn = $child.Process.HasExited
        if (-not $exitedOnItsOwn) { $child.Process.Kill($true) }
        $null = $child.Process.WaitForExit(10000)
        $childErrors = $child.Errors.Result
        $countAfterKill = @(Get-EmulatorUser -Emulator $emulator).Count
        $journalLines = if (Test-Path "$state.journal") { @(Get-Content "$state.journal" | Where-Object { $_ }).Count } else { 0 }

        # The rerun's results are collected with -OutVariable so that they can be checked even if the run ends in an error.
        $ev = $null
        $rerun = $null
        $rerunError = $null
        try {
            $null = Import-Csv $csv | Sync-WireScimUser -StatePath $state -ThrottleLimit 4 -ErrorVariable ev -ErrorAction SilentlyContinue -OutVariable rerun
        }
        catch {
            $rerunError = $_
        }
        $rerun = @($rerun)
        $counts = Get-UserCountByExternalId -Emulator $emulator
        # A third run on the same state file: it must start from what the rerun saved, not fail on the old journal.
        $thirdError = $null
        try {
            $third = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -ThrottleLimit 4)
        }
        catch {
            $thirdError = $_
        }
    }
    AfterAll {
        if ($child -and -not $child.Process.HasExited) { $child.Process.Kill($true) }
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'was killed part-way through (about 100 of 300 users created)' {
        $exitedOnItsOwn | Should -BeFalse -Because "the child should still be running at ~100 users; its errors: $childErrors"
        $countAtKill | Should -BeGreaterOrEqual 100
        $countAfterKill | Should -BeLessThan 300
        $journalLines | Should -BeGreaterThan 0 -Because 'each finished user is journaled as it is done'
    }

    It 'ends with every externalId exactly once and 300 users' {
        $counts.Count | Should -Be 300
        @($counts.Values | Where-Object { $_ -ne 1 }).Count | Should -Be 0
        foreach ($n in 1, 100, 150, 300) { $counts['u{0:000}@example.com' -f $n] | Should -Be 1 }
    }

    It 'completes the rerun without an error (saves the state, clears the journal left by the killed run)' {
        $rerunError | Should -BeNullOrEmpty
        @($ev).Count | Should -Be 0
        if (Test-Path "$state.journal") { @(Get-Content "$state.journal" | Where-Object { $_ }).Count | Should -Be 0 }
        @((Get-Content -Raw $state | ConvertFrom-Json).Users).Count | Should -Be 300
    }

    It 'accounts for all 300 rows in the rerun' {
        $rerun.Count | Should -Be 300
        $byAction = @{}
        foreach ($result in $rerun) { $byAction["$($result.Action)"] = 1 + [int]$byAction["$($result.Action)"] }
        ([int]$byAction['Created'] + [int]$byAction['Adopted'] + [int]$byAction['Unchanged']) | Should -Be 300
        [int]$byAction['Unchanged'] | Should -BeGreaterThan 0 -Because 'the journaled users need no request'
        [int]$byAction['Adopted'] | Should -BeLessOrEqual 4 -Because 'only the rows in flight at the kill were created but not journaled'
        @($rerun.Row | Sort-Object -Unique).Count | Should -Be 300
    }

    It 'finds all 300 Unchanged on the run after' {
        $thirdError | Should -BeNullOrEmpty
        @($third | Where-Object Action -EQ 'Unchanged').Count | Should -Be 300
    }
}

Describe 'Sync-WireScimUser: one run at a time per state file' {
    BeforeAll {
        $token = 'pester-sync-lock'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'locked.json'
        $csv = New-StaffCsv -Name 'locked.csv' -Number 1, 2
        $held = [System.IO.FileStream]::new("$state.lock", [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::None)
        $caught = $null
        $output = $null
        try {
            $output = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state)
        }
        catch {
            $caught = $_
        }
        finally {
            $held.Dispose()
        }
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $usersWhileHeld = @(Get-EmulatorUser -Emulator $emulator).Count
        $afterRelease = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state)
    }
    AfterAll {
        if ($held) { $held.Dispose() }
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'fails with a terminating WireScim.StateInUse error while the state file is held' {
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'WireScim.StateInUse*'
        $caught.Exception.Message | Should -BeLike '*another*run*using*'
        $output | Should -BeNullOrEmpty
    }

    It 'sends nothing to Wire while held' {
        $stats.totalRequests | Should -Be 0
        $usersWhileHeld | Should -Be 0
    }

    It 'runs once the state file is free' {
        @($afterRelease | Where-Object Action -EQ 'Created').Count | Should -Be 2
    }
}

Describe 'Sync-WireScimUser: report and summary' {
    BeforeAll {
        $token = 'pester-sync-report'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'report.json'
        $null = Import-Csv (New-StaffCsv -Name 'report-first.csv' -Number 1, 2, 3) | Sync-WireScimUser -StatePath $state
        $csv = New-StaffCsv -Name 'report.csv' -Number 1, 2, 3 -DisplayName @{ 3 = 'Chris Renamed' } -Line 'bad name,Bad,bad@example.com,de,member,Dept X'
        $iv = $null
        $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -InformationVariable iv -ErrorAction SilentlyContinue)
        $reportPath = Join-Path $TestDrive 'report-out.csv'
        $results | Export-Csv $reportPath -NoTypeInformation -Encoding utf8
        $report = @(Import-Csv $reportPath)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'exports the readable columns, and no column of type names' {
        $columns = $report[0].PSObject.Properties.Name
        foreach ($column in 'Action', 'Row', 'UserName', 'ExternalId', 'Id', 'Changes', 'Note', 'Error') { $columns | Should -Contain $column }
        $columns | Should -Not -Contain 'ChangeList'
        Get-Content -Raw $reportPath | Should -Not -BeLike '*WireScim.Provisioning*'
        $report.Count | Should -Be 4
    }

    It 'shows the row number in the default table' {
        $table = ($results | Out-String -Width 200) -split "`r?`n"
        $header = @($table | Where-Object { $_ -match '^\s*Row\s+Action\s' })
        $header.Count | Should -Be 1
        @($table | Where-Object { $_ -match '^\s*4\s+Failed\s' }).Count | Should -Be 1
    }

    It 'shows the change and the error as text' {
        $updated = @($report | Where-Object UserName -EQ 'u003')
        $updated[0].Action | Should -Be 'Updated'
        $updated[0].Changes | Should -Be "DisplayName: 'Staff Member 3' -> 'Chris Renamed'"
        $updated[0].Id | Should -Be (Get-EmulatorUser -Emulator $emulator -UserName u003).id
        $failed = @($report | Where-Object Row -EQ '4')
        $failed[0].Action | Should -Be 'Failed'
        $failed[0].Error | Should -BeLike 'Row 4*bad name*'
        @($report | Where-Object Action -EQ 'Unchanged').UserName | Sort-Object | Should -Be @('u001', 'u002')
    }

    It 'writes one summary line, shown at the prompt as Write-Host output is' {
        $lines = @($iv | Where-Object { "$($_.MessageData)" -like 'Sync summary: *' })
        $lines.Count | Should -Be 1
        $lines[0].Tags | Should -Contain 'PSHOST'
        "$($lines[0].MessageData)" | Should -BeLike '*Failed 1*'
        "$($lines[0].MessageData)" | Should -BeLike '*Unchanged 2*'
        "$($lines[0].MessageData)" | Should -BeLike '*Updated 1*'
    }
}

Describe 'Sync-WireScimUser: identity is the Wire id' {
    BeforeAll {
        $token = 'pester-sync-identity'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'identity.json'
        $null = Import-Csv (New-StaffCsv -Name 'identity-first.csv' -Number (1..4)) | Sync-WireScimUser -StatePath $state
        $ids = @{}
        foreach ($user in Get-EmulatorUser -Emulator $emulator) { $ids[$user.userName] = $user.id }
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    Context 'an externalId renamed in HR, the handle kept, with -MissingAction <Action>' -ForEach @(
        @{ Action = 'Remove'; Number = 2; NewExternalId = 'dana.renamed@example.com'; Earlier = @{} }
        @{ Action = 'Disable'; Number = 3; NewExternalId = 'chris.renamed@example.com'; Earlier = @{ 'u002' = 'dana.renamed@example.com' } }
    ) {
        BeforeAll {
            $handle = 'u{0:000}' -f $Number
            $rows = @(Import-Csv (New-StaffCsv -Name "identity-$Action.csv" -Number (1..4)))
            foreach ($earlier in $Earlier.GetEnumerator()) { ($rows | Where-Object UserName -EQ $earlier.Key).ExternalId = $earlier.Value }
            ($rows | Where-Object UserName -EQ $handle).ExternalId = $NewExternalId
            Reset-WireScimEmulatorStats -Emulator $emulator
            $results = @($rows | Sync-WireScimUser -StatePath $state -MissingAction $Action)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
            $stored = Get-EmulatorUser -Emulator $emulator -UserName $handle
            $again = @($rows | Sync-WireScimUser -StatePath $state -MissingAction $Action)
        }

        It 'updates that user with one PATCH, naming the externalId change' {
            $mine = Get-ResultFor -Result $results -UserName $handle
            $mine.Count | Should -Be 1
            $mine[0].Action | Should -Be 'Updated'
            $mine[0].Id | Should -Be $ids[$handle]
            $mine[0].Changes | Should -BeLike "ExternalId: 'u00$Number@example.com' -> '$NewExternalId'"
            Get-RouteCount -Stats $stats -Route 'PATCH /scim/v2/Users/{id}' | Should -Be 1
            $stats.totalRequests | Should -Be 1
        }

        It 'neither deletes nor suspends the person, and counts no one missing' {
            $stored | Should -Not -BeNullOrEmpty
            $stored.id | Should -Be $ids[$handle]
            $stored.externalId | Should -Be $NewExternalId
            $stored.active | Should -BeTrue
            @($results | Where-Object Action -In 'Removed', 'Disabled', 'Missing', 'Skipped').Count | Should -Be 0
            @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 4
        }

        It 'finds everyone Unchanged on the next run' {
            @($again | Where-Object Action -EQ 'Unchanged').Count | Should -Be 4
        }
    }

    Context 'a handle renamed, the externalId kept' {
        BeforeAll {
            $rows = @(Import-Csv (New-StaffCsv -Name 'identity-handle.csv' -Number (1..4)))
            ($rows | Where-Object UserName -EQ 'u002').ExternalId = 'dana.renamed@example.com'
            ($rows | Where-Object UserName -EQ 'u003').ExternalId = 'chris.renamed@example.com'
            ($rows | Where-Object UserName -EQ 'u004').UserName = 'u004.new'
            Reset-WireScimEmulatorStats -Emulator $emulator
            $results = @($rows | Sync-WireScimUser -StatePath $state -MissingAction Remove)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
        }

        It 'renames the same user with one PATCH' {
            $mine = Get-ResultFor -Result $results -UserName 'u004.new'
            $mine[0].Action | Should -Be 'Updated'
            $mine[0].Changes | Should -Be "UserName: 'u004' -> 'u004.new'"
            (Get-EmulatorUser -Emulator $emulator -UserName 'u004.new').id | Should -Be $ids['u004']
            $stats.totalRequests | Should -Be 1
        }
    }

    Context 'both renamed at once' {
        BeforeAll {
            $rows = @(Import-Csv (New-StaffCsv -Name 'identity-both.csv' -Number (1..4)))
            ($rows | Where-Object UserName -EQ 'u002').ExternalId = 'dana.renamed@example.com'
            ($rows | Where-Object UserName -EQ 'u003').ExternalId = 'chris.renamed@example.com'
            ($rows | Where-Object UserName -EQ 'u004') | ForEach-Object { $_.UserName = 'erin'; $_.ExternalId = 'erin@example.com' }
            $results = @($rows | Sync-WireScimUser -StatePath $state)
        }

        It 'is a new user, and the old one is reported missing (nothing is done to it without -MissingAction)' {
            (Get-ResultFor -Result $results -UserName 'erin')[0].Action | Should -Be 'Created'
            $old = Get-ResultFor -Result $results -UserName 'u004.new'
            $old[0].Action | Should -Be 'Missing'
            $old[0].Row | Should -BeNullOrEmpty
            (Get-EmulatorUser -Emulator $emulator -UserName 'u004.new').active | Should -BeTrue
        }
    }
}

Describe 'Sync-WireScimUser: users removed in Wire since the last run' {
    BeforeAll {
        $token = 'pester-sync-removed'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'removed.json'
        $null = Import-Csv (New-StaffCsv -Name 'removed-first.csv' -Number (1..4)) | Sync-WireScimUser -StatePath $state
        $oldId = (Get-EmulatorUser -Emulator $emulator -UserName u002).id
        Get-WireScimUser -UserName u002 | Remove-WireScimUser -Confirm:$false
        Get-WireScimUser -UserName u004 | Remove-WireScimUser -Confirm:$false
        Reset-WireScimEmulatorStats -Emulator $emulator
        $results = @(Import-Csv (New-StaffCsv -Name 'removed.csv' -Number (1..3) -DisplayName @{ 2 = 'Dana Back' }) | Sync-WireScimUser -StatePath $state -MissingAction Disable)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $again = @(Import-Csv (New-StaffCsv -Name 'removed.csv' -Number (1..3) -DisplayName @{ 2 = 'Dana Back' }) | Sync-WireScimUser -StatePath $state -MissingAction Disable)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates a changed user again when its PATCH finds it gone (404), and says so' {
        $mine = Get-ResultFor -Result $results -UserName u002
        $mine[0].Action | Should -Be 'Created'
        $mine[0].Note | Should -BeLike "*$oldId*no longer in Wire*"
        $stored = Get-EmulatorUser -Emulator $emulator -UserName u002
        $stored.id | Should -Not -Be $oldId
        $stored.displayName | Should -Be 'Dana Back'
        $mine[0].Id | Should -Be $stored.id
        Get-RouteCount -Stats $stats -Route 'PATCH /scim/v2/Users/{id}' | Should -Be 1
        Get-RouteCount -Stats $stats -Route 'POST /scim/v2/Users' | Should -Be 1
    }

    It 'reports a missing user that is no longer in Wire as Gone, never Disabled' {
        $mine = Get-ResultFor -Result $results -UserName u004
        $mine[0].Action | Should -Be 'Gone'
        Get-RouteCount -Stats $stats -Route 'GET /scim/v2/Users/{id}' | Should -Be 1
        $stats.writes | Should -Be 2 -Because 'one PATCH (404) and one POST for u002, nothing for u004'
    }

    It 'has forgotten both old ids: the next run is all Unchanged' {
        @($again | Where-Object Action -EQ 'Unchanged').Count | Should -Be 3
        $again.Count | Should -Be 3
    }
}

Describe 'Sync-WireScimUser: the deletion guard after earlier disables' {
    BeforeAll {
        $token = 'pester-sync-guard-disabled'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'guard-disabled.json'
        $null = Import-Csv (New-StaffCsv -Name 'twelve.csv' -Number (1..12)) | Sync-WireScimUser -StatePath $state
        $leavers = @(Import-Csv (New-StaffCsv -Name 'ten.csv' -Number (1..10)) | Sync-WireScimUser -StatePath $state -MissingAction Disable)
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ev = $null
        $results = @(@() | Sync-WireScimUser -StatePath $state -MissingAction Disable -ErrorVariable ev -ErrorAction SilentlyContinue)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'disabled the two leavers in the normal run' {
        @($leavers | Where-Object Action -EQ 'Disabled').UserName | Sort-Object | Should -Be @('u011', 'u012')
    }

    It 'holds back an empty input although two users were already disabled' {
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DeletionGuard*'
        $ev[0].Exception.Message | Should -BeLike '*None of the 12 users*'
        @($results | Where-Object Action -EQ 'Skipped').Count | Should -Be 10
        $stats.writes | Should -Be 0
        @(Get-EmulatorUser -Emulator $emulator | Where-Object active -EQ $true).Count | Should -Be 10
    }
}

Describe 'Sync-WireScimUser: matching and conflicts' {
    BeforeAll {
        $token = 'pester-sync-conflicts'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    Context 'externalIds that differ only in case (twins) in one input' {
        BeforeAll {
            Reset-WireScimEmulatorStats -Emulator $emulator
            $csv = New-TestCsv -Name 'twins.csv' -Line @('UserName,DisplayName,ExternalId', 'twin1,Twin One,Twin@example.com', 'twin2,Twin Two,twin@example.com', 'solo,Solo,solo@example.com')
            $ev = $null
            $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath (Join-Path $TestDrive 'twins.json') -ErrorVariable ev -ErrorAction SilentlyContinue)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
        }

        It 'refuses both rows before anything is sent, naming both' {
            foreach ($name in 'twin1', 'twin2') {
                $mine = Get-ResultFor -Result $results -UserName $name
                $mine[0].Action | Should -Be 'Failed'
                $mine[0].ErrorId | Should -Be 'WireScim.ExternalIdCaseTwin'
                $mine[0].Error | Should -BeLike "*'Twin@example.com' (row 1), 'twin@example.com' (row 2)*"
            }
            Get-EmulatorUser -Emulator $emulator -UserName twin1 | Should -BeNullOrEmpty
            Get-EmulatorUser -Emulator $emulator -UserName twin2 | Should -BeNullOrEmpty
        }

        It 'still creates the other row with one request' {
            (Get-ResultFor -Result $results -UserName solo)[0].Action | Should -Be 'Created'
            $stats.totalRequests | Should -Be 1
        }
    }

    Context 'a look-up that answers a user with another externalId (SAML NameIDs compare case-folded)' {
        BeforeAll {
            $caseState = Join-Path $TestDrive 'case.json'
            $null = New-TestCsv -Name 'case-first.csv' -Line @('UserName,DisplayName,ExternalId', 'casey,Casey First,Casey@example.com')
            $null = Import-Csv (Join-Path $TestDrive 'case-first.csv') | Sync-WireScimUser -StatePath $caseState
            $first = Get-EmulatorUser -Emulator $emulator -UserName casey
            Reset-WireScimEmulatorStats -Emulator $emulator
            $null = New-TestCsv -Name 'case-second.csv' -Line @('UserName,DisplayName,ExternalId', 'casey,Casey First,Casey@example.com', 'kc,Other Casey,casey@example.com')
            $results = @(Import-Csv (Join-Path $TestDrive 'case-second.csv') | Select-Object -Skip 1 | Sync-WireScimUser -StatePath $caseState -ErrorAction SilentlyContinue)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
        }

        It 'is WireScim.ExternalIdConflict naming both externalIds and the user found, not a match' {
            $mine = Get-ResultFor -Result $results -UserName kc
            $mine[0].Action | Should -Be 'Failed'
            $mine[0].ErrorId | Should -Be 'WireScim.ExternalIdConflict'
            $mine[0].Error | Should -BeLike "*'casey@example.com'*$($first.id)*'Casey@example.com'*"
        }

        It 'changes neither user' {
            $after = Get-EmulatorUser -Emulator $emulator -UserName casey
            $after.externalId | Should -Be 'Casey@example.com'
            $after.displayName | Should -Be 'Casey First'
            Get-EmulatorUser -Emulator $emulator -UserName kc | Should -BeNullOrEmpty
            $stats.writes | Should -Be 1 -Because 'the one POST Wire refused'
        }
    }

    Context 'a handle held by a user with another externalId' {
        BeforeAll {
            $holder = New-WireScimUser -UserName u002 -DisplayName 'Made By Hand' -ExternalId 'manual@example.com'
            Reset-WireScimEmulatorStats -Emulator $emulator
            $ev = $null
            $results = @(Import-Csv (New-StaffCsv -Name 'taken.csv' -Number 1, 2) | Sync-WireScimUser -StatePath (Join-Path $TestDrive 'taken.json') -ErrorVariable ev -ErrorAction SilentlyContinue)
            $stats = Get-WireScimEmulatorStats -Emulator $emulator
            $stored = Get-EmulatorUser -Emulator $emulator -UserName u002
            $again = @(Import-Csv (New-StaffCsv -Name 'taken.csv' -Number 1, 2) | Sync-WireScimUser -StatePath (Join-Path $TestDrive 'taken.json') -ErrorAction SilentlyContinue)
        }

        It 'is WireScim.UserNameTaken, never an adoption' {
            $mine = Get-ResultFor -Result $results -UserName u002
            $mine[0].Action | Should -Be 'Failed'
            $mine[0].ErrorId | Should -Be 'WireScim.UserNameTaken'
            $mine[0].Error | Should -BeLike "*UserName 'u002' is taken*"
            @(Get-ErrorFor -ErrorRecord @($ev) -Row 2).Count | Should -Be 1
        }

        It 'leaves the holder as it was and sends no look-up for it' {
            $stored.id | Should -Be $holder.Id
            $stored.externalId | Should -Be 'manual@example.com'
            $stored.displayName | Should -Be 'Made By Hand'
            $stats.lookups | Should -Be 0
            Get-RouteCount -Stats $stats -Route 'POST /scim/v2/Users' | Should -Be 2
        }

        It 'reports it again on the next run instead of taking the account over' {
            (Get-ResultFor -Result $again -UserName u002)[0].ErrorId | Should -Be 'WireScim.UserNameTaken'
            (Get-EmulatorUser -Emulator $emulator -UserName u002).externalId | Should -Be 'manual@example.com'
        }
    }
}

Describe 'Sync-WireScimUser -WhatIf on a team with members not managed by SCIM' {
    BeforeAll {
        $token = 'pester-sync-whatif-members'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $owner = New-WireScimEmulatorMember -Emulator $emulator -Handle olga -DisplayName 'Olga Owner' -Email 'olga@example.com' -Role owner
        $member = New-WireScimEmulatorMember -Emulator $emulator -Handle u003 -DisplayName 'Team Settings User' -Email 'u003@example.com'
        $state = Join-Path $TestDrive 'members.json'
        $null = Import-Csv (New-StaffCsv -Name 'members-first.csv' -Number 1, 2) | Sync-WireScimUser -StatePath $state
        # u001 changed, u002 left, u003 and olga are members Wire manages, u005 is new.
        $csv = New-StaffCsv -Name 'members.csv' -Number 1, 3, 5 -DisplayName @{ 1 = 'Anna Renamed' } -Line 'olga,Olga Owner,olga@example.com,de,member,Board'
        $stateBefore = Get-Content -Raw $state
        $filesBefore = @(Get-ChildItem -LiteralPath $TestDrive -Force | Select-Object -ExpandProperty Name | Sort-Object)
        Reset-WireScimEmulatorStats -Emulator $emulator
        $results = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -MissingAction Disable -Full:$false -WhatIf)
        $full = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -Full -WhatIf)
        $newFolder = Join-Path $TestDrive 'no-such-folder'
        $fresh = @(Import-Csv $csv | Sync-WireScimUser -StatePath (Join-Path $newFolder 'state.json') -WhatIf)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $members = @(Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ })
        $filesAfter = @(Get-ChildItem -LiteralPath $TestDrive -Force | Select-Object -ExpandProperty Name | Sort-Object)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'leaves every member managed as before' {
        ($members | Where-Object id -EQ $owner.id).managedBy | Should -Be 'wire'
        ($members | Where-Object id -EQ $member.id).managedBy | Should -Be 'wire'
        [long]$stats.managedByScimFlips | Should -Be 0
    }

    It 'sends no write, and reads only users the sync already manages (-Full)' {
        $stats.writes | Should -Be 0
        $stats.lookups | Should -Be 1 -Because '-Full reads u001 by id; no filter look-up at all'
        Get-RouteCount -Stats $stats -Route 'GET /scim/v2/Users' | Should -Be 0
    }

    It 'reports the rows it did not look up as WouldCreate with a note' {
        foreach ($name in 'olga', 'u003', 'u005') {
            $mine = Get-ResultFor -Result $results -UserName $name
            $mine[0].Action | Should -Be 'WouldCreate'
            $mine[0].Note | Should -BeLike 'Not looked up*'
        }
        (Get-ResultFor -Result $results -UserName u001)[0].Action | Should -Be 'WouldUpdate'
        (Get-ResultFor -Result $results -UserName u002)[0].Action | Should -Be 'WouldDisable'
        (Get-ResultFor -Result $full -UserName u001)[0].Changes | Should -Be "DisplayName: 'Staff Member 1' -> 'Anna Renamed'"
    }

    It 'writes nothing on disk: no state folder, no journal, no lock, the state file as it was' {
        Test-Path $newFolder | Should -BeFalse
        $fresh.Count | Should -Be 4
        $filesAfter | Should -Be $filesBefore
        Get-Content -Raw $state | Should -BeExactly $stateBefore
    }

    It 'does not take the members over in the real run either: their handles are conflicts, not adoptions' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $real = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -ErrorAction SilentlyContinue)
        foreach ($name in 'olga', 'u003') { (Get-ResultFor -Result $real -UserName $name)[0].ErrorId | Should -Be 'WireScim.UserNameTaken' }
        (Get-ResultFor -Result $real -UserName u005)[0].Action | Should -Be 'Created'
        $after = @(Get-WireScimEmulatorUsers -Emulator $emulator | ForEach-Object { $_ })
        ($after | Where-Object id -EQ $owner.id).managedBy | Should -Be 'wire'
        ($after | Where-Object id -EQ $member.id).managedBy | Should -Be 'wire'
        [long](Get-WireScimEmulatorStats -Emulator $emulator).managedByScimFlips | Should -Be 0
    }
}

Describe 'Sync-WireScimUser: pending invitees (invitation team)' {
    BeforeAll {
        $token = 'pester-sync-invitees'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'invitees.json'
        $header = 'UserName,DisplayName,ExternalId,Enabled'
        $csv = New-TestCsv -Name 'invitees.csv' -Line (@($header) + @(1..5 | ForEach-Object { 'inv{0},Invitee {0},inv{0}@example.com,TRUE' -f $_ }))
        $first = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state)
        $inactiveAfterFirst = @(Get-EmulatorUser -Emulator $emulator | Where-Object active -EQ $false).Count
        Reset-WireScimEmulatorStats -Emulator $emulator
        $full = @(Import-Csv $csv | Sync-WireScimUser -StatePath $state -Full)
        $fullStats = Get-WireScimEmulatorStats -Emulator $emulator
        $four = New-TestCsv -Name 'invitees-four.csv' -Line (@($header) + @(1..4 | ForEach-Object { 'inv{0},Invitee {0},inv{0}@example.com,TRUE' -f $_ }))
        $leaver = @(Import-Csv $four | Sync-WireScimUser -StatePath $state -MissingAction Disable)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates them as pending invitations, saying so' {
        @($first | Where-Object Action -EQ 'Created').Count | Should -Be 5
        $inactiveAfterFirst | Should -Be 5
        $first[0].Note | Should -BeLike '*Invitation*'
    }

    It 'does not churn on them under -Full: inactive is what a pending invitee is' {
        @($full | Where-Object Action -EQ 'Unchanged').Count | Should -Be 5
        $fullStats.writes | Should -Be 0
    }

    It 'locks a leaver out with -MissingAction Disable the only way SCIM can (DELETE), and says what is unconfirmed' {
        $mine = Get-ResultFor -Result $leaver -UserName inv5
        $mine[0].Action | Should -Be 'Removed'
        $mine[0].Note | Should -BeLike '*cannot suspend*'
        $mine[0].Note | Should -BeLike '*Not confirmed*invitation link*Team Settings*'
        Get-EmulatorUser -Emulator $emulator -UserName inv5 | Should -BeNullOrEmpty
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 4
    }
}

Describe 'Sync-WireScimUser: a state file that cannot be used' {
    BeforeAll {
        $token = 'pester-sync-state-damage'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $csv = New-StaffCsv -Name 'damage.csv' -Number 1, 2

        function Invoke-DamagedSync {
            param([string] $Path)
            Reset-WireScimEmulatorStats -Emulator $emulator
            $caught = $null
            try { $null = Import-Csv $csv | Sync-WireScimUser -StatePath $Path } catch { $caught = $_ }
            [pscustomobject]@{ Error = $caught; Requests = (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests }
        }
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'refuses a <Case> with one WireScim.StateDamaged error naming the file, sends nothing, and releases the lock' -ForEach @(
        @{ Case = 'file that is not JSON'; Text = '{ "Format": 2, "Users": [ {' }
        @{ Case = 'entry without a key'; Text = '[{"ExternalId":null,"Id":null}]' }
        @{ Case = 'empty file'; Text = '' }
    ) {
        $path = Join-Path $TestDrive ('damaged-{0}.json' -f ($Case -replace '\W', ''))
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        $run = Invoke-DamagedSync -Path $path
        $run.Error | Should -Not -BeNullOrEmpty
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'WireScim.StateDamaged*'
        $run.Error.Exception.Message | Should -BeLike "*$path*"
        $run.Requests | Should -Be 0
        Test-Path "$path.lock" | Should -BeFalse
        Remove-Item -LiteralPath $path
        $run = Invoke-DamagedSync -Path $path
        $run.Error | Should -BeNullOrEmpty -Because 'the lock of the failed open must not outlive it'
    }

    It 'refuses a read-only state file with WireScim.StateNotWritable before sending anything' {
        $path = Join-Path $TestDrive 'read-only.json'
        $null = Import-Csv $csv | Sync-WireScimUser -StatePath $path
        Set-ItemProperty -LiteralPath $path -Name IsReadOnly -Value $true
        try { $run = Invoke-DamagedSync -Path $path } finally { Set-ItemProperty -LiteralPath $path -Name IsReadOnly -Value $false }
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'WireScim.StateNotWritable*'
        $run.Error.Exception.Message | Should -BeLike "*$path*"
        $run.Requests | Should -Be 0
        (Invoke-DamagedSync -Path $path).Error | Should -BeNullOrEmpty
    }

    It 'refuses a state file made for another instance, naming both, until told with -RebindState' {
        $path = Join-Path $TestDrive 'other-instance.json'
        $null = Import-Csv $csv | Sync-WireScimUser -StatePath $path
        $content = Get-Content -Raw $path | ConvertFrom-Json
        $content.Instance = 'https://other.example.com/scim/v2'
        $content | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $path
        $run = Invoke-DamagedSync -Path $path
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'WireScim.StateOtherInstance*'
        $run.Error.Exception.Message | Should -BeLike '*https://other.example.com/scim/v2*'
        $run.Error.Exception.Message | Should -BeLike "*$($emulator.ScimUri)*"
        $run.Requests | Should -Be 0
        $rebound = @(Import-Csv $csv | Sync-WireScimUser -StatePath $path -RebindState)
        @($rebound | Where-Object Action -EQ 'Unchanged').Count | Should -Be 2
        (Invoke-DamagedSync -Path $path).Error | Should -BeNullOrEmpty
    }
}

Describe 'Sync-WireScimUser: requests per user' {
    BeforeAll {
        $token = 'pester-sync-requests'
        $emulator = Start-SyncEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'requests.json'
        Reset-WireScimEmulatorStats -Emulator $emulator
        $null = Import-Csv (New-StaffCsv -Name 'requests.csv' -Number (1..6)) | Sync-WireScimUser -StatePath $state -RichInfoProperty Department
        $createStats = Get-WireScimEmulatorStats -Emulator $emulator
        $changed = @(Import-Csv (New-StaffCsv -Name 'requests-changed.csv' -Number (1..6) -DisplayName @{ 2 = 'Two Renamed'; 5 = 'Five Renamed' }))
        ($changed | Where-Object UserName -EQ 'u003').Department = 'Dept Moved'
        Reset-WireScimEmulatorStats -Emulator $emulator
        $updates = @($changed | Sync-WireScimUser -StatePath $state -RichInfoProperty Department)
        $updateStats = Get-WireScimEmulatorStats -Emulator $emulator
        Reset-WireScimEmulatorStats -Emulator $emulator
        $null = $changed | Sync-WireScimUser -StatePath $state -RichInfoProperty Department
        $unchangedStats = Get-WireScimEmulatorStats -Emulator $emulator
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates each new user with exactly one request (a POST)' {
        $createStats.totalRequests | Should -Be 6
        Get-RouteCount -Stats $createStats -Route 'POST /scim/v2/Users' | Should -Be 6
    }

    It 'updates each changed user with exactly one PATCH' {
        @($updates | Where-Object Action -EQ 'Updated').UserName | Sort-Object | Should -Be @('u002', 'u003', 'u005')
        $updateStats.totalRequests | Should -Be 3
        Get-RouteCount -Stats $updateStats -Route 'PATCH /scim/v2/Users/{id}' | Should -Be 3
        (Get-WireScimUser -UserName u003).RichInfo['Department'] | Should -Be 'Dept Moved'
        (Get-EmulatorUser -Emulator $emulator -UserName u005).displayName | Should -Be 'Five Renamed'
    }

    It 'sends nothing for unchanged rows' {
        $unchangedStats.totalRequests | Should -Be 0
    }
}

Describe 'nightly-sync.ps1 sample' {
    BeforeAll {
        $token = 'pester-sync-nightly'
        $emulator = Start-SyncEmulator -Token $token
        $sample = Join-Path $script:RepoRoot 'module/samples/nightly-sync.ps1'
        $tokenPath = Join-Path $TestDrive 'token.xml'
        ConvertTo-TestSecret $token | Export-Clixml -LiteralPath $tokenPath

        function Invoke-Nightly {
            param([string] $Name, [string] $CsvPath, [string] $TokenFile)
            $reports = Join-Path $TestDrive "reports-$Name"
            $null = New-Item -ItemType Directory -Path $reports
            $child = Start-ChildPwsh -ArgumentList @('-File', $sample, '-ModulePath', $env:WIRESCIM_MODULE, '-Uri', $emulator.ScimUri,
                '-TokenPath', $TokenFile, '-CsvPath', $CsvPath, '-StatePath', (Join-Path $TestDrive "$Name-state.json"), '-ReportDirectory', $reports)
            $run = Wait-ChildPwsh -Child $child -TimeoutSeconds 90
            $run | Add-Member -NotePropertyName Reports -NotePropertyValue @(Get-ChildItem -LiteralPath $reports -Filter 'wirescim-report-*.csv') -PassThru
        }
    }
    AfterAll {
        Stop-TestEmulator $emulator
    }

    It 'exits 0 for a clean CSV and writes a report with one row per input' {
        $run = Invoke-Nightly -Name 'clean' -CsvPath (New-StaffCsv -Name 'nightly-clean.csv' -Number 1, 2, 3) -TokenFile $tokenPath
        $run.ExitCode | Should -Be 0 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $run.Reports.Count | Should -Be 1
        $report = @(Import-Csv $run.Reports[0].FullName)
        $report.Count | Should -Be 3
        @($report | Where-Object Action -EQ 'Created').Count | Should -Be 3
        (Get-EmulatorUser -Emulator $emulator).userName | Sort-Object | Should -Be @('u001', 'u002', 'u003')
    }

    It 'exits 1 when a row is invalid' {
        $csv = New-StaffCsv -Name 'nightly-bad.csv' -Number 11, 12 -Line 'bad name,Bad,bad@example.com,de,member,Dept X'
        $run = Invoke-Nightly -Name 'bad' -CsvPath $csv -TokenFile $tokenPath
        $run.ExitCode | Should -Be 1 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $report = @(Import-Csv $run.Reports[0].FullName)
        $report.Count | Should -Be 3
        @($report | Where-Object Action -EQ 'Failed').Row | Should -Be '3'
        @(Get-EmulatorUser -Emulator $emulator -UserName u011).Count | Should -Be 1
    }

    It 'exits 2 when the token file is missing' {
        $run = Invoke-Nightly -Name 'notoken' -CsvPath (New-StaffCsv -Name 'nightly-notoken.csv' -Number 21) -TokenFile (Join-Path $TestDrive 'no-such-token.xml')
        $run.ExitCode | Should -Be 2 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $run.Errors | Should -BeLike '*could not start*'
        $run.Reports.Count | Should -Be 0
        Get-EmulatorUser -Emulator $emulator -UserName u021 | Should -BeNullOrEmpty
    }
}
