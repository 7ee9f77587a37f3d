# The bulk engine seen from the emulator: the client-side rate limit, retries and faults, non-retryable answers,
# what workers write to the streams, and a rejected token ending the command. Correctness only: no timing asserts.
# Each Describe runs against its own local emulator, started with the traffic shaping it needs.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule

    function New-BulkUser {
        # $Count users with handles <Prefix>1..<Prefix>N and an externalId each (the unknown-outcome path needs it).
        param([Parameter(Mandatory)] [string] $Prefix, [Parameter(Mandatory)] [int] $Count)
        foreach ($n in 1..$Count) {
            [pscustomobject]@{ UserName = "$Prefix$n"; DisplayName = "$Prefix user $n"; ExternalId = "$Prefix$n@example.com" }
        }
    }

    function Initialize-EmulatorWarm {
        # A fresh emulator compiles its request pipeline on the first requests, which holds them back and lets them
        # reach its rate limiter in a bunch. Warm it with a few lookups (not through the module), then zero the stats.
        param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Token)
        foreach ($n in 1..3) {
            $null = Invoke-RestMethod -Uri "$($Emulator.ScimUri)/Users?filter=userName eq `"warmup$n`"" -Headers @{ Authorization = "Bearer $Token" }
        }
        Start-Sleep -Seconds 1 # let the server's bucket drain
        Reset-WireScimEmulatorStats -Emulator $Emulator
    }

    function Get-RouteCount {
        param([Parameter(Mandatory)] $Stats, [Parameter(Mandatory)] [string] $Route)
        $property = $Stats.routes.PSObject.Properties[$Route]
        if ($property) { [long]$property.Value } else { 0L }
    }
}

Describe 'Rate limit: <Name>' -ForEach @(
    @{ Name = 'the client-side bucket stays under the server''s limit'; RequestsPerSecond = 20; Prefix = 'limited' }
    @{ Name = 'without a client-side limit, throttled requests are retried'; RequestsPerSecond = 0; Prefix = 'unlimited' }
) {
    BeforeAll {
        $token = 'pester-rate'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--rate', '20', '--burst', '5', '--throttle-status', '429'
        Initialize-EmulatorWarm -Emulator $emulator -Token $token
        Connect-WireScim -Uri $emulator.ScimUri -Token (ConvertTo-TestSecret $token) -RequestsPerSecond $RequestsPerSecond -Burst 5
        $ev = $null
        $created = @(New-BulkUser -Prefix $Prefix -Count 100 | New-WireScimUser -ThrottleLimit 16 -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        Write-Host "  -RequestsPerSecond $RequestsPerSecond : throttled $($stats.throttled), POSTs $(Get-RouteCount $stats 'POST /scim/v2/Users'), errors $($errors.Count)"
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'creates all 100 users without an error' {
        $errors | Should -HaveCount 0 -Because ($errors | Out-String)
        $created | Should -HaveCount 100
        @(Get-EmulatorUser -Emulator $emulator) | Should -HaveCount 100
    }

    It 'is throttled by the emulator <Expectation>' -TestCases @(@{ Expectation = if ($RequestsPerSecond -gt 0) { 'rarely' } else { 'at least once' } }) {
        if ($RequestsPerSecond -gt 0) {
            # A client bucket of 20/s with burst 5 stays within the server's 20/s with burst 5 as long as requests arrive
            # when they leave. On a loaded machine a stalled process sends the slots that came due meanwhile together,
            # and the server throttles a few of them (they are retried: no error above). Without the client-side limit
            # the same run is throttled over 50 times.
            $stats.throttled | Should -BeLessThan 20 -Because 'the client-side bucket keeps the requests near the server''s limit'
        }
        else {
            $stats.throttled | Should -BeGreaterThan 0 -Because '16 workers without a client limit outrun 20/s'
            Get-RouteCount $stats 'POST /scim/v2/Users' | Should -BeGreaterThan 100 -Because 'throttled POSTs were sent again'
        }
    }
}

Describe 'Faults: every write committed and its answer dropped' {
    BeforeAll {
        $token = 'pester-commit-drop'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--fault-rate', '1', '--fault-kinds', 'commit-drop'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $ev = $null
        $created = @(New-BulkUser -Prefix 'dropped' -Count 5 | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'returns the 5 users without an error' {
        $errors | Should -HaveCount 0 -Because ($errors | Out-String)
        $created.UserName | Sort-Object | Should -Be @('dropped1', 'dropped2', 'dropped3', 'dropped4', 'dropped5')
        $created.Id | Should -Not -BeNullOrEmpty
    }

    It 'creates each user once: the lost answer is followed by a lookup, not a second POST' {
        @(Get-EmulatorUser -Emulator $emulator) | Should -HaveCount 5
        Get-RouteCount $stats 'POST /scim/v2/Users' | Should -Be 5
        $stats.lookups | Should -Be 5 -Because 'one lookup by externalId per dropped answer'
    }
}

Describe 'Faults: 30% of requests fail with 500, 503, reset or commit-drop' {
    BeforeAll {
        $token = 'pester-faults'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--fault-rate', '0.3', '--fault-kinds', '500,503,reset,commit-drop', '--seed', '3'
        Connect-TestEmulator -Emulator $emulator -Token $token
        $ev = $null
        $inputs = @(New-BulkUser -Prefix 'faulty' -Count 50)
        $created = @($inputs | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
        $stored = @(Get-EmulatorUser -Emulator $emulator)
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        Write-Host "  faults injected: $($stats.faults | ConvertTo-Json -Compress); POSTs $(Get-RouteCount $stats 'POST /scim/v2/Users'); lookups $($stats.lookups)"
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'injected faults of every kind' {
        $stats.faultsInjected | Should -BeGreaterThan 0
    }

    It 'ends without an error and returns every user once' {
        $errors | Should -HaveCount 0 -Because ($errors | Out-String)
        $created | Should -HaveCount 50
        @($created.UserName | Sort-Object -Unique) | Should -HaveCount 50
    }

    It 'stores every user exactly once' {
        $stored | Should -HaveCount 50
        $duplicates = @($stored | Group-Object userName | Where-Object Count -GT 1)
        $duplicates | Should -HaveCount 0 -Because "duplicates: $($duplicates.Name -join ', ')"
        @($stored.userName | Sort-Object) | Should -Be @($inputs.UserName | Sort-Object)
    }
}

Describe 'A non-retryable answer is reported at once' {
    BeforeAll {
        $token = 'pester-conflict'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        $null = New-WireScimUser -UserName 'taken' -DisplayName 'First Owner' -ExternalId 'first.owner@example.com'
        $before = Get-WireScimEmulatorStats -Emulator $emulator
        $ev = $null
        $result = @(New-WireScimUser -UserName 'taken' -DisplayName 'Second Person' -ExternalId 'second.person@example.com' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $errors = @($ev)
        $after = Get-WireScimEmulatorStats -Emulator $emulator
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'writes one error for the taken handle and no user' {
        $result | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserNameTaken*'
    }

    It 'sent exactly one POST for it and at most one lookup' {
        (Get-RouteCount $after 'POST /scim/v2/Users') - (Get-RouteCount $before 'POST /scim/v2/Users') | Should -Be 1
        $after.lookups - $before.lookups | Should -BeLessOrEqual 1
    }
}

Describe 'Streams written by 8 workers: 20 rows, 3 invalid, 2 handles taken' {
    BeforeAll {
        $token = 'pester-streams'
        $emulator = Start-TestEmulator -Token $token
        Connect-TestEmulator -Emulator $emulator -Token $token
        # Handles taken by users that are already in Wire with other externalIds.
        $null = New-WireScimUser -UserName 'row7' -DisplayName 'Earlier Seven' -ExternalId 'earlier7@example.com'
        $null = New-WireScimUser -UserName 'row13' -DisplayName 'Earlier Thirteen' -ExternalId 'earlier13@example.com'
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('UserName,DisplayName,ExternalId,Language')
        foreach ($n in 1..20) {
            $lines.Add($(switch ($n) {
                        3 { 'row 3,Row Three,row3@example.com,en' }          # space in the handle
                        10 { 'row10,Row Ten,row10@example.com,english' }     # not an ISO 639-1 code
                        16 { 'row16,Row Sixteen,,en' }                       # no externalId
                        default { "row$n,Row $n,row$n@example.com,en" }
                    }))
        }
        $path = New-TestCsv -Name 'streams.csv' -Line $lines
        $rows = @(Import-Csv $path)
        $writesBefore = Get-EmulatorWrites -Emulator $emulator

        $ev = $null; $ov = $null
        $null = $rows | New-WireScimUser -ThrottleLimit 8 -ErrorVariable ev -OutVariable ov -ErrorAction SilentlyContinue
        $errors = @($ev)
        $outputs = @($ov)
        $expected = @(1..20 | Where-Object { $_ -notin 3, 7, 10, 13, 16 } | ForEach-Object { "row$_" })
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It '-ErrorVariable holds exactly the 5 failed rows' {
        $errors | Should -HaveCount 5
        foreach ($row in 3, 7, 10, 13, 16) { (Get-ErrorFor -ErrorRecord $errors -Row $row) | Should -HaveCount 1 -Because "row $row failed" }
        (Get-ErrorFor -ErrorRecord $errors -Row 7)[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserNameTaken*'
        (Get-ErrorFor -ErrorRecord $errors -Row 13)[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.UserNameTaken*'
    }

    It '-OutVariable holds the 15 created users' {
        $outputs | Should -HaveCount 15
        $outputs | ForEach-Object { $_ | Should -BeOfType ([WireScim.User]) }
    }

    It 'returns every result, in completion order rather than input order (compared as sets)' {
        # Workers finish in any order; only the set of results is defined.
        @($outputs.UserName | Sort-Object) | Should -Be @($expected | Sort-Object)
        @(Get-EmulatorUser -Emulator $emulator | Where-Object externalId -Like 'row*').userName | Sort-Object | Should -Be @($expected | Sort-Object)
    }

    It 'sent one POST per valid row and none for the invalid rows' {
        (Get-EmulatorWrites -Emulator $emulator) - $writesBefore | Should -Be 17
    }

    It 'with -WhatIf sends nothing and reports only the invalid rows' {
        Remove-WireScimUser -UserName row1 -Confirm:$false
        $writes = Get-EmulatorWrites -Emulator $emulator
        $users = @(Get-EmulatorUser -Emulator $emulator).Count
        $ev = $null
        $whatIf = @($rows | New-WireScimUser -ThrottleLimit 8 -WhatIf -ErrorVariable ev -ErrorAction SilentlyContinue)
        $whatIf | Should -HaveCount 0
        (Get-EmulatorWrites -Emulator $emulator) | Should -Be $writes
        @(Get-EmulatorUser -Emulator $emulator) | Should -HaveCount $users
        @(Get-EmulatorUser -Emulator $emulator -UserName row1) | Should -HaveCount 0
        @($ev) | Should -HaveCount 3 -Because 'only validation fails under -WhatIf; taken handles are not known without a request'
        @($ev | Where-Object FullyQualifiedErrorId -NotLike 'WireScim.Invalid*' | Where-Object FullyQualifiedErrorId -NotLike 'WireScim.Missing*') | Should -HaveCount 0
    }
}

Describe 'A rejected token ends the command' {
    BeforeAll {
        $emulator = Start-TestEmulator -Token 'the-right-token'
        Connect-TestEmulator -Emulator $emulator -Token 'a-wrong-token'
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'throws one terminating WireScim.TokenRejected instead of five errors' {
        $ev = $null
        $outputs = [System.Collections.Generic.List[object]]::new()
        $thrown = $null
        try {
            New-BulkUser -Prefix 'rejected' -Count 5 | New-WireScimUser -ErrorVariable ev -ErrorAction Continue | ForEach-Object { $outputs.Add($_) }
        }
        catch {
            $thrown = $_
        }
        $thrown | Should -Not -BeNullOrEmpty -Because 'a 401 terminates the command'
        $thrown.FullyQualifiedErrorId | Should -BeLike 'WireScim.TokenRejected*'
        $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
        # -ErrorVariable keeps the terminating error (as the exception that carries its record) and nothing else.
        @($ev) | Should -HaveCount 1 -Because ($ev | Out-String)
        $record = if ($ev[0] -is [System.Management.Automation.ErrorRecord]) { $ev[0] } else { $ev[0].ErrorRecord }
        $record.FullyQualifiedErrorId | Should -BeLike 'WireScim.TokenRejected*'
        $outputs | Should -HaveCount 0
        @(Get-EmulatorUser -Emulator $emulator) | Should -HaveCount 0
    }
}
