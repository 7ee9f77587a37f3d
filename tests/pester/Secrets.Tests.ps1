# The leak test: one session runs every cmdlet with -Verbose -Debug, succeeding and failing, and everything it
# produces (all six streams, $Error, exception texts, error details, a transcript, Sync's state file) is searched
# for the admin password and the SCIM token texts. The debug stream must show 'Bearer ***', so the traces did run.

BeforeDiscovery {
    # The secrets every leak check looks for; the values are read in BeforeAll.
    $SecretCases = @('admin password', 'wrong password', 'seeded SCIM token', 'created SCIM token', 'plain-text SCIM token') |
        ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    if (-not $env:WIRESCIM_MODULE -or -not (Test-Path $env:WIRESCIM_MODULE)) {
        throw "Set WIRESCIM_MODULE to the built WireScim.psd1 (./build.ps1 -Task Build); it is '$env:WIRESCIM_MODULE'."
    }
    if (-not (Get-Module WireScim)) { Import-Module $env:WIRESCIM_MODULE -Global -ErrorAction Stop }
    if (-not (Get-Module EmulatorProcess)) {
        Import-Module (Join-Path $PSScriptRoot '../tools/EmulatorProcess.psm1') -Global -ErrorAction Stop
    }
}

Describe 'No cmdlet output, error or trace contains a token or the password' {
    BeforeAll {
        $adminPassword = 'S3cr3t-Pa55w0rd-XyZ'
        $wrongPassword = 'Wr0ng-Pa55w0rd-QvK'
        $seedToken = 'SeedT0ken-Zq8Rk2Lw5Nx7Pv9Ty3Hb6Jd4Mf1Gc0Sa='
        $emulator = Start-WireScimEmulator -AdminPassword $adminPassword -ArgumentList '--scim-token', $seedToken
        $uri = $emulator.Uri
        $admin = @{ Uri = $uri; Credential = [pscredential]::new($emulator.AdminEmail, (ConvertTo-SecureString $adminPassword -AsPlainText -Force)) }
        $wrong = [pscredential]::new($emulator.AdminEmail, (ConvertTo-SecureString $wrongPassword -AsPlainText -Force))
        $statePath = Join-Path $TestDrive 'sync.state.json'
        $transcriptPath = Join-Path $TestDrive 't.txt'
        $rows = @(
            [pscustomobject]@{ UserName = 'leak.alpha'; DisplayName = 'Leak Alpha'; ExternalId = 'leak.alpha@example.com' }
            [pscustomobject]@{ UserName = 'leak.beta'; DisplayName = 'Leak Beta'; ExternalId = 'leak.beta@example.com' }
            [pscustomobject]@{ UserName = 'bad row'; DisplayName = 'Bad Row'; ExternalId = 'bad.row@example.com' }
        )
        $made = @{}
        $caught = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()

        $Error.Clear()
        $DebugPreference = 'Continue'
        $VerbosePreference = 'Continue'
        $InformationPreference = 'Continue'
        # -Debug on a compiled cmdlet makes PowerShell inquire on warnings and errors unless their action is given.
        $common = @{ Verbose = $true; Debug = $true; WarningAction = 'Continue'; ErrorAction = 'Continue'; InformationAction = 'Continue' }

        Start-Transcript -Path $transcriptPath -Force | Out-Null
        try {
            $captured = @(& {
                # Succeeding calls.
                Connect-WireScim -Uri $uri -Token (ConvertTo-SecureString $seedToken -AsPlainText -Force) -PassThru @common
                New-WireScimUser -UserName leak.seed -DisplayName 'Leak Seed' -ExternalId 'leak.seed@example.com' @common
                $made.Token = New-WireScimToken @admin -Name leak -Connect @common
                $made.Token
                $made.Plain = New-WireScimToken @admin -Name leak-plain -AsPlainText @common
                Get-WireScimToken @admin @common
                $rows | Test-WireScimUser @common
                New-WireScimUser -UserName leak.user -DisplayName 'Leak User' -ExternalId 'leak.user@example.com' @common
                Get-WireScimUser -UserName leak.user @common
                Get-WireScimUser -UserName leak.user | Set-WireScimUser -DisplayName 'Leak User Renamed' -PassThru @common
                Get-WireScimUser -UserName leak.user | Disable-WireScimUser -PassThru @common
                Get-WireScimUser -UserName leak.user | Enable-WireScimUser -PassThru @common
                $rows | Sync-WireScimUser -StatePath $statePath @common
                Remove-WireScimUser -UserName leak.user -Confirm:$false @common

                # Failing calls: a 409, bad rows, a wrong password, a revoked token (401), an unknown user.
                New-WireScimUser -UserName leak.seed -DisplayName 'Leak Again' -ExternalId 'leak.again@example.com' @common
                $rows | New-WireScimUser @common
                Get-WireScimUser -UserName no.such.user @common
                try { New-WireScimToken -Uri $uri -Credential $wrong -Name wrong @common } catch { $caught.Add($_); $_ }
                try { Get-WireScimToken -Uri $uri -Credential $wrong @common } catch { $caught.Add($_); $_ }
                Remove-WireScimToken @admin -Id $made.Token.Id -Confirm:$false @common
                try { Get-WireScimUser -UserName leak.seed @common } catch { $caught.Add($_); $_ }
                try { New-WireScimUser -UserName leak.late -DisplayName 'Leak Late' -ExternalId 'leak.late@example.com' @common } catch { $caught.Add($_); $_ }
                Connect-WireScim -Uri $uri -Token (ConvertTo-SecureString $made.Plain -AsPlainText -Force) @common
                try { Connect-WireScim -Uri 'http://wire.example.com' -Token (ConvertTo-SecureString $seedToken -AsPlainText -Force) @common } catch { $caught.Add($_); $_ }
                Get-WireScimToken @admin | Where-Object Name -EQ 'leak-plain' | Remove-WireScimToken @admin -Confirm:$false @common
                try { Get-WireScimUser -UserName leak.seed @common } catch { $caught.Add($_); $_ }
                Disconnect-WireScim @common
            } *>&1)
            # Through the host as well, so the transcript holds what an admin would see on screen.
            $captured | Out-Host
        }
        finally {
            Stop-Transcript | Out-Null
            $DebugPreference = 'SilentlyContinue'
            $VerbosePreference = 'SilentlyContinue'
            $InformationPreference = 'SilentlyContinue'
        }

        $createdToken = [System.Net.NetworkCredential]::new('', $made.Token.Value).Password
        $secrets = [ordered]@{
            'admin password'       = $adminPassword
            'wrong password'       = $wrongPassword
            'seeded SCIM token'    = $seedToken
            'created SCIM token'   = $createdToken
            'plain-text SCIM token' = $made.Plain
        }

        $records = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) + @($caught) + @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $text = [System.Text.StringBuilder]::new()
        $null = $text.AppendLine(($captured | Out-String -Width 8192))
        foreach ($item in $captured) {
            $null = $text.AppendLine("$item")
            $null = $text.AppendLine(($item | Format-List * -Force | Out-String -Width 8192))
        }
        foreach ($record in $records) {
            $null = $text.AppendLine($record.ToString())
            $null = $text.AppendLine($record.Exception.ToString())
            $null = $text.AppendLine("$($record.ErrorDetails)")
            $null = $text.AppendLine("$($record.ErrorDetails.RecommendedAction)")
            $null = $text.AppendLine(($record | Format-List * -Force | Out-String -Width 8192))
            $null = $text.AppendLine(($record.Exception | Format-List * -Force | Out-String -Width 8192))
            $null = $text.AppendLine(($record.CategoryInfo | Out-String -Width 8192))
        }
        $allText = $text.ToString()
        $streams = @{
            Verbose = @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            Debug   = @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            Warning = @($captured | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            Error   = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        $transcript = Get-Content -LiteralPath $transcriptPath -Raw
        $state = if (Test-Path $statePath) { Get-Content -LiteralPath $statePath -Raw } else { $null }
    }
    AfterAll {
        Disconnect-WireScim -ErrorAction Ignore
        if ($emulator) { $emulator | Stop-WireScimEmulator }
    }

    It 'ran the whole session: the secrets are known and every stream carried something' {
        $createdToken.Length | Should -Be 44
        $made.Plain.Length | Should -Be 44
        $streams.Verbose.Count | Should -BeGreaterThan 10
        $streams.Debug.Count | Should -BeGreaterThan 10
        $streams.Warning.Count | Should -BeGreaterThan 0
        $streams.Error.Count | Should -BeGreaterThan 0
        $transcript.Length | Should -BeGreaterThan 1000
        $allText | Should -Match ([regex]::Escape($made.Token.Id)) -Because 'the searched text holds the session output'
        $transcript | Should -Match 'leak\.user' -Because 'the transcript holds the session output'
    }

    It 'the debug stream traced the authorised requests as Bearer ***' {
        ($streams.Debug.Message -join "`n") | Should -Match 'Bearer \*\*\*'
    }

    It 'captured the failures it provoked: <Id>' -ForEach @(
        @{ Id = 'WireScim.InvalidCredentials' }
        @{ Id = 'WireScim.TokenRejected' }
        @{ Id = 'WireScim.UserNameTaken' }
        @{ Id = 'WireScim.InvalidUserName' }
        @{ Id = 'WireScim.InvalidUri' }
    ) {
        @($records | Where-Object { $_.FullyQualifiedErrorId -like "$Id,*" }).Count | Should -BeGreaterThan 0
    }

    It 'the captured streams, $Error and error details never contain the <Name>' -ForEach $SecretCases {
        $secret = $secrets[$Name]
        $allText.Contains($secret) | Should -BeFalse
        ($allText -replace '\s', '').Contains($secret) | Should -BeFalse -Because 'a secret must not appear even wrapped across lines'
        $allText.Contains([uri]::EscapeDataString($secret)) | Should -BeFalse
    }

    It 'the transcript never contains the <Name>' -ForEach $SecretCases {
        $secret = $secrets[$Name]
        $transcript.Contains($secret) | Should -BeFalse
        ($transcript -replace '\s', '').Contains($secret) | Should -BeFalse
    }

    It 'the debug stream shows no access token from the login either' {
        ($streams.Debug.Message -join "`n") | Should -Not -Match 'Bearer\s+(?!\*\*\*)[A-Za-z0-9+/=_-]{16,}'
        $allText | Should -Not -Match 'access_token\W+[0-9a-f]{32,}'
    }

    It 'Sync-WireScimUser wrote a state file without a token or password' {
        $state | Should -Not -BeNullOrEmpty
        $state | Should -Match 'leak\.alpha'
        foreach ($name in $secrets.Keys) {
            $state.Contains($secrets[$name]) | Should -BeFalse -Because "the state file must not hold the $name"
        }
    }
}
