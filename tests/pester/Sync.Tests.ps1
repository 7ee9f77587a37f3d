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

        It 'sends requests for the changed user only (one GET, one PUT)' {
            $stats.writes | Should -Be 1
            $stats.lookups | Should -Be 1
            $stats.totalRequests | Should -Be 2
            $id = (Get-EmulatorUser -Emulator $emulator -UserName u002).id
            Get-RouteCount -Stats $stats -Route 'PUT /scim/v2/Users/{id}' | Should -Be 1
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

    It 'reports the existing user Adopted with its Wire id' {
        $mine = Get-ResultFor -Result $results -UserName u002
        $mine.Count | Should -Be 1
        $mine[0].Action | Should -Be 'Adopted'
        $mine[0].Id | Should -Be $existing.Id
        $mine[0].Changes | Should -BeLike "*DisplayName: 'Made By Hand' -> 'Staff Member 2'*"
    }

    It 'creates the others and no duplicate' {
        @($results | Where-Object Action -EQ 'Created').UserName | Sort-Object | Should -Be @('u001', 'u003')
        Get-RouteCount -Stats $stats -Route 'POST /scim/v2/Users' | Should -Be 2
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
            $mine[0].Row | Should -Be 0
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

    It 'looks users up but sends no writes' {
        $stats.writes | Should -Be 0
        $stats.lookups | Should -BeGreaterThan 0
        $users.userName | Sort-Object | Should -Be @('u001', 'u002', 'u003')
        ($users | Where-Object userName -EQ 'u002').displayName | Should -Be 'Staff Member 2'
    }

    It 'reports WouldCreate for the new row' {
        (Get-ResultFor -Result $results -UserName u004)[0].Action | Should -Be 'WouldCreate'
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
        $emulator = Start-SyncEmulator -Token $token -ArgumentList '--latency-ms', '20'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $state = Join-Path $TestDrive 'killed.json'
        $csv = New-StaffCsv -Name 'three-hundred.csv' -Number (1..300)
        $script = Join-Path $TestDrive 'partial-sync.ps1'
        Set-Content -LiteralPath $script -Encoding utf8 -Value @'
param($Uri, $Token, $CsvPath, $StatePath)
$ErrorActionPreference = 'Stop'
Import-Module $env:WIRESCIM_MODULE
Connect-WireScim -Uri $Uri -Token (ConvertTo-SecureString $Token -AsPlainText -Force)
Import-Csv $CsvPath | Sync-WireScimUser -StatePath $StatePath -ThrottleLimit 4 | Out-Null
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
        @((Get-Content -Raw $state | ConvertFrom-Json)).Count | Should -Be 300
    }

    It 'accounts for all 300 rows in the rerun' {
        $rerun.Count | Should -Be 300
        $byAction = @{}
        foreach ($result in $rerun) { $byAction[$result.Action] = 1 + [int]$byAction[$result.Action] }
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

    It 'exports the readable columns' {
        $columns = $report[0].PSObject.Properties.Name
        foreach ($column in 'Action', 'Row', 'UserName', 'ExternalId', 'Id', 'Changes', 'Error') { $columns | Should -Contain $column }
        $report.Count | Should -Be 4
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

    It 'writes one summary line on the information stream' {
        $lines = @($iv | Where-Object { "$($_.MessageData)" -like 'Sync summary: *' })
        $lines.Count | Should -Be 1
        "$($lines[0].MessageData)" | Should -BeLike '*Failed 1*'
        "$($lines[0].MessageData)" | Should -BeLike '*Unchanged 2*'
        "$($lines[0].MessageData)" | Should -BeLike '*Updated 1*'
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
