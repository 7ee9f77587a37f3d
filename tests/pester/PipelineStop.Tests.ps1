# A pipeline that stops early stops the work behind it: `| Select-Object -First 1` wants one object, so at most the
# requests already in flight (ThrottleLimit) complete. Judged by the emulator's own record of users and requests.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule

    function Wait-EmulatorQuiet {
        # Returns once the emulator's request count has not moved for two latency periods (bounded), so that work a
        # command left running behind it would have shown up in the counts.
        param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [int] $LatencyMs)
        $last = -1L
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline) {
            $count = [long](Get-WireScimEmulatorStats -Emulator $Emulator).totalRequests
            if ($count -eq $last) { return }
            $last = $count
            Start-Sleep -Milliseconds (2 * $LatencyMs)
        }
    }

    $script:LatencyMs = 200
    $script:ThrottleLimit = 4
    function New-StopCsv {
        param([Parameter(Mandatory)] [string] $Prefix)
        New-TestCsv -Name "$Prefix.csv" -Line (@('UserName,DisplayName,ExternalId') + @(1..40 | ForEach-Object { "$Prefix$_,$Prefix user $_,$Prefix$_@example.com" }))
    }
}

Describe 'New-WireScimUser | Select-Object -First 1 over 40 rows' {
    BeforeAll {
        $token = 'pester-stop-new'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--latency-ms', "$LatencyMs"
        Connect-TestEmulator -Emulator $emulator -Token $token
        $csv = New-StopCsv -Prefix 'firstnew'
        $first = @(Import-Csv $csv | New-WireScimUser -ThrottleLimit $ThrottleLimit | Select-Object -First 1)
        Wait-EmulatorQuiet -Emulator $emulator -LatencyMs $LatencyMs
        $stored = @(Get-EmulatorUser -Emulator $emulator)
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'returns one user' {
        $first | Should -HaveCount 1
        $first[0].UserName | Should -BeLike 'firstnew*'
    }

    It 'creates at most ThrottleLimit + 1 users in Wire' {
        $stored.Count | Should -BeLessOrEqual ($ThrottleLimit + 1) -Because "the pipeline stopped after the first user; the emulator holds $($stored.Count)"
        $stored.Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'Set-WireScimUser -PassThru | Select-Object -First 1 over 40 rows' {
    BeforeAll {
        $token = 'pester-stop-set'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--latency-ms', "$LatencyMs"
        Connect-TestEmulator -Emulator $emulator -Token $token
        $csv = New-StopCsv -Prefix 'firstset'
        $null = Import-Csv $csv | New-WireScimUser -ThrottleLimit 16
        Reset-WireScimEmulatorStats -Emulator $emulator
        $first = @(Import-Csv $csv | Select-Object UserName | Set-WireScimUser -DisplayName 'Changed' -PassThru -ThrottleLimit $ThrottleLimit | Select-Object -First 1)
        Wait-EmulatorQuiet -Emulator $emulator -LatencyMs $LatencyMs
        $stats = Get-WireScimEmulatorStats -Emulator $emulator
        $puts = [long]$stats.routes.PSObject.Properties['PUT /scim/v2/Users/{id}'].Value
        $changed = @(Get-EmulatorUser -Emulator $emulator | Where-Object displayName -EQ 'Changed')
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'returns one user' {
        $first | Should -HaveCount 1
        $first[0].DisplayName | Should -Be 'Changed'
    }

    It 'sends at most ThrottleLimit + 1 PUTs and changes at most that many users' {
        $puts | Should -BeLessOrEqual ($ThrottleLimit + 1) -Because "the pipeline stopped after the first update; the emulator received $puts PUTs"
        $changed.Count | Should -BeLessOrEqual ($ThrottleLimit + 1)
    }
}
