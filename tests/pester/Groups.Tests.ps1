# The group cmdlets as an admin uses them: handles and user objects at the prompt, a CSV of memberships, AD-shaped
# groups into Sync-WireScimGroup, concurrent additions, pending and missing members, and Wire releases without groups.
# Each Describe runs against its own local emulator; the assertions read the emulator's own record of its groups
# (/_emulator/groups) and its request counters, not only what the cmdlets say.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $script:SamlIdp = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'

    function Start-GroupEmulator {
        <# An emulator in single sign-on mode (users are active at once) unless -Invitation. #>
        param([Parameter(Mandatory)] [string] $Token, [switch] $Invitation, [string[]] $ArgumentList = @())
        $arguments = @(if (-not $Invitation) { '--idp', $script:SamlIdp }) + $ArgumentList
        Start-TestEmulator -Token $Token -ArgumentList $arguments
    }

    function New-TestUsers {
        <# Creates users u001..uNNN (handle, externalId uNNN@example.com) and returns them as WireScim.User objects. #>
        param([Parameter(Mandatory)] [int[]] $Number, [Parameter(Mandatory)] $Connection)
        $Number | ForEach-Object { [pscustomobject]@{ UserName = 'u{0:000}' -f $_; DisplayName = "User $_"; ExternalId = 'u{0:000}@example.com' -f $_ } } |
            New-WireScimUser -Connection $Connection
    }

    function Get-EmulatorGroup {
        <# The emulator's own record of its groups, optionally only those with this exact name. #>
        param([Parameter(Mandatory)] $Emulator, [string] $DisplayName)
        $all = @(Get-WireScimEmulatorGroups -Emulator $Emulator)
        if ($PSBoundParameters.ContainsKey('DisplayName')) { @($all | Where-Object displayName -CEQ $DisplayName) } else { $all }
    }

    function Get-GroupRequestCount {
        <# Requests on /scim/v2/Groups* with this HTTP method, from the emulator's counters. #>
        param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Method)
        $counts = (Get-WireScimEmulatorStats -Emulator $Emulator).groupRequests
        $property = $counts.PSObject.Properties[$Method]
        if ($property) { [long]$property.Value } else { 0L }
    }

    function Get-HandleOf {
        param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [AllowEmptyCollection()] [string[]] $Id)
        $users = @{}
        foreach ($user in Get-EmulatorUser -Emulator $Emulator) { $users[$user.id] = $user.userName }
        @($Id | ForEach-Object { $users[$_] } | Sort-Object)
    }
}

Describe 'Group cmdlets against Wire 5.25' {
    BeforeAll {
        $token = 'pester-groups-cmdlets'
        $script:emulator = Start-GroupEmulator -Token $token
        $script:connection = Connect-TestEmulator -Emulator $emulator -Token $token -PassThru
        $script:users = @(New-TestUsers -Number (1..60) -Connection $connection)
    }
    AfterAll { Stop-TestEmulator $emulator }

    It 'New-WireScimGroup takes handles, ids and user objects, and sends each member once' {
        $u002 = $users | Where-Object UserName -EQ 'u002'
        $u003 = $users | Where-Object UserName -EQ 'u003'
        $group = New-WireScimGroup -DisplayName 'Support' -Member 'u001', $u002.Id, $u003, 'U001' -Connection $connection
        $group.PSObject.TypeNames[0] | Should -Be 'WireScim.Group'
        $record = Get-EmulatorGroup -Emulator $emulator -DisplayName 'Support'
        $record.Count | Should -Be 1
        $record[0].managedBy | Should -Be 'scim'
        Get-HandleOf -Emulator $emulator -Id $record[0].members | Should -Be @('u001', 'u002', 'u003')
        $group.Id | Should -Be $record[0].id
    }

    It 'Get-WireScimGroup lists every group across pages, finds exact names with wildcard characters, and reads by id' {
        $names = 1..20 | ForEach-Object { 'Team_{0:00}' -f $_ }
        $names | ForEach-Object { New-WireScimGroup -DisplayName $_ -Connection $connection } | Out-Null
        New-WireScimGroup -DisplayName 'Team%01' -Connection $connection | Out-Null
        $all = @(Get-WireScimGroup -Connection $connection)
        $all.Count | Should -Be (Get-EmulatorGroup -Emulator $emulator).Count
        @($all.Id | Sort-Object -Unique).Count | Should -Be $all.Count
        $exact = @(Get-WireScimGroup -DisplayName 'Team_01' -Connection $connection)
        $exact.DisplayName | Should -Be @('Team_01')
        (Get-WireScimGroup -Id $exact[0].Id -Connection $connection).DisplayName | Should -Be 'Team_01'
        Get-WireScimGroup -DisplayName 'team_01' -Connection $connection -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.GroupNotFound*'
    }

    It 'Set-WireScimGroup renames and replaces the member list' {
        $group = New-WireScimGroup -DisplayName 'Sales' -Member 'u010', 'u011' -Connection $connection
        $group | Set-WireScimGroup -NewDisplayName 'Sales EU' -Member 'u011', 'u012' -Connection $connection
        $record = Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id
        $record.displayName | Should -Be 'Sales EU'
        Get-HandleOf -Emulator $emulator -Id $record.members | Should -Be @('u011', 'u012')
    }

    It '50 piped Add-WireScimGroupMember rows for one group end with all 50 members, in one PUT' {
        $group = New-WireScimGroup -DisplayName 'Fifty' -Connection $connection
        Reset-WireScimEmulatorStats -Emulator $emulator
        $users[0..49] | Add-WireScimGroupMember -Group 'Fifty' -Connection $connection
        $record = Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id
        @($record.members).Count | Should -Be 50
        Get-GroupRequestCount -Emulator $emulator -Method 'PUT' | Should -Be 1
    }

    It 'Add-WireScimGroupMember takes a CSV of memberships for several groups, one PUT per group' {
        $north = New-WireScimGroup -DisplayName 'North' -Connection $connection
        $south = New-WireScimGroup -DisplayName 'South' -Member 'u050' -Connection $connection
        $csv = New-TestCsv -Name 'add-memberships.csv' -Line @('GroupName,UserName', 'North,u051', 'North,u052', 'South,u053', 'North,u051')
        Reset-WireScimEmulatorStats -Emulator $emulator
        $changed = @(Import-Csv $csv | Add-WireScimGroupMember -Connection $connection -PassThru)
        $changed.DisplayName | Sort-Object | Should -Be @('North', 'South')
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $north.Id).members | Should -Be @('u051', 'u052')
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $south.Id).members | Should -Be @('u050', 'u053')
        Get-GroupRequestCount -Emulator $emulator -Method 'PUT' | Should -Be 2
    }

    It 'concurrent additions to one group from five runspaces lose none of them' {
        $group = New-WireScimGroup -DisplayName 'Concurrent' -Connection $connection
        $module = $env:WIRESCIM_MODULE
        $conn = $connection
        $ids = @($users[0..49].Id)
        0..4 | ForEach-Object -ThrottleLimit 5 -Parallel {
            Import-Module $using:module
            $slice = ($using:ids)[($_ * 10)..($_ * 10 + 9)]
            $slice | ForEach-Object { Add-WireScimGroupMember -Group $using:group.Id -Member $_ -Connection $using:conn }
        }
        $record = Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id
        @($record.members | Sort-Object) | Should -Be @($ids | Sort-Object)
    }

    It 'Remove-WireScimGroupMember takes users out and leaves them in Wire' {
        $group = New-WireScimGroup -DisplayName 'Leavers' -Member 'u020', 'u021', 'u022' -Connection $connection
        Get-WireScimUser -UserName 'u021' -Connection $connection | Remove-WireScimGroupMember -Group $group -Connection $connection
        Remove-WireScimGroupMember -Group $group.Id -Member 'u022' -Connection $connection
        $record = Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id
        Get-HandleOf -Emulator $emulator -Id $record.members | Should -Be @('u020')
        @(Get-EmulatorUser -Emulator $emulator -UserName 'u021').Count | Should -Be 1
    }

    It 'missing users and Team Settings members are reported per member before anything is sent' {
        $owner = New-WireScimEmulatorMember -Emulator $emulator -DisplayName 'Olga Owner' -Handle 'olga.owner' -Email 'olga@example.com' -Role owner
        Reset-WireScimEmulatorStats -Emulator $emulator
        $group = New-WireScimGroup -DisplayName 'Checked' -Member 'u030', 'nobody.here', 'olga.owner' -Connection $connection -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Sort-Object | Should -Be @('WireScim.MemberNotFound', 'WireScim.MemberNotScimManaged')
        ($refused | Where-Object { $_.Exception.Message -match 'nobody.here' }).Count | Should -Be 1
        $record = Get-EmulatorGroup -Emulator $emulator -DisplayName 'Checked'
        Get-HandleOf -Emulator $emulator -Id $record[0].members | Should -Be @('u030')
        Get-GroupRequestCount -Emulator $emulator -Method 'POST' | Should -Be 1
        $owner.id | Should -Not -BeIn $record[0].members
    }

    It 'Remove-WireScimGroup deletes the group (ConfirmImpact High) and -WhatIf keeps it' {
        $group = New-WireScimGroup -DisplayName 'Temporary' -Connection $connection
        (Get-Command Remove-WireScimGroup).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $group | Remove-WireScimGroup -WhatIf -Connection $connection
        @(Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id).Count | Should -Be 1
        $group | Remove-WireScimGroup -Confirm:$false -Connection $connection
        @(Get-EmulatorGroup -Emulator $emulator | Where-Object id -EQ $group.Id).Count | Should -Be 0
    }

    It 'never sends PATCH to /Groups' {
        Get-GroupRequestCount -Emulator $emulator -Method 'PATCH' | Should -Be 0
        $group = New-WireScimGroup -DisplayName 'No patch' -Member 'u040' -Connection $connection
        Reset-WireScimEmulatorStats -Emulator $emulator
        Add-WireScimGroupMember -Group $group -Member 'u041' -Connection $connection
        Remove-WireScimGroupMember -Group $group -Member 'u040' -Connection $connection
        Set-WireScimGroup -Id $group.Id -NewDisplayName 'Still no patch' -Connection $connection
        Get-GroupRequestCount -Emulator $emulator -Method 'PATCH' | Should -Be 0
        Get-GroupRequestCount -Emulator $emulator -Method 'PUT' | Should -Be 3
    }
}

Describe 'Pending invitees in a team that provisions by invitation' {
    BeforeAll {
        $token = 'pester-groups-pending'
        $script:emulator = Start-GroupEmulator -Token $token -Invitation
        $script:connection = Connect-TestEmulator -Emulator $emulator -Token $token -PassThru
        $script:invited = @(1..3 | ForEach-Object { [pscustomobject]@{ UserName = "p$_"; DisplayName = "Invitee $_"; ExternalId = "p$_@example.com" } } | New-WireScimUser -Connection $connection | Sort-Object UserName)
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/_emulator/users/$($invited[0].Id)/accept-invitation"
    }
    AfterAll { Stop-TestEmulator $emulator }

    It 'leaves pending invitees out with an error each, instead of letting Wire answer 500' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        New-WireScimGroup -DisplayName 'Invited' -Member 'p1', 'p2', 'p3' -Connection $connection -ErrorVariable refused -ErrorAction SilentlyContinue | Out-Null
        @($refused | Where-Object { "$($_.FullyQualifiedErrorId)" -like 'WireScim.MemberPending*' }).Count | Should -Be 2
        $record = Get-EmulatorGroup -Emulator $emulator -DisplayName 'Invited'
        @($record[0].members) | Should -Be @($invited[0].Id)
        (Get-WireScimEmulatorStats -Emulator $emulator).routes.PSObject.Properties.Name | Where-Object { $_ -match ' 500' } | Should -BeNullOrEmpty
    }

    It 'adds an invitee once the invitation is accepted' {
        $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri)/_emulator/users/$($invited[1].Id)/accept-invitation"
        Add-WireScimGroupMember -Group 'Invited' -Member 'p2' -Connection $connection
        @((Get-EmulatorGroup -Emulator $emulator -DisplayName 'Invited')[0].members | Sort-Object) | Should -Be @(@($invited[0].Id, $invited[1].Id) | Sort-Object)
    }
}

Describe 'Wire releases without groups, and 5.24 without paging' {
    BeforeAll {
        $token = 'pester-groups-release'
        $script:emulator = Start-GroupEmulator -Token $token
        $script:connection = Connect-TestEmulator -Emulator $emulator -Token $token -PassThru
        $null = New-TestUsers -Number 1, 2 -Connection $connection
    }
    AfterAll { Stop-TestEmulator $emulator }

    It 'ends each group cmdlet with one terminating error naming release 5.24 on Wire 5.23' {
        Set-WireScimEmulatorRelease -Emulator $emulator -Release '5.23' | Out-Null
        foreach ($run in @(
                { Get-WireScimGroup -Connection $connection },
                { 'A', 'B', 'C' | New-WireScimGroup -Connection $connection },
                { [pscustomobject]@{ GroupName = 'A'; UserName = 'u001' } | Sync-WireScimGroup -StatePath (Join-Path (Get-TestDriveRoot) 'old.json') -Connection $connection })) {
            $caught = $null
            try { & $run -ErrorAction Stop | Out-Null } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'WireScim.GroupsNotSupported*'
            $caught.Exception.Message | Should -Match '5\.24'
        }
        @(Get-EmulatorGroup -Emulator $emulator).Count | Should -Be 0
    }

    It 'reads all groups of Wire 5.24 from its one unpaged answer' {
        Set-WireScimEmulatorRelease -Emulator $emulator -Release '5.24' | Out-Null
        1..120 | ForEach-Object { 'G{0:000}' -f $_ } | New-WireScimGroup -Connection $connection | Out-Null
        Reset-WireScimEmulatorStats -Emulator $emulator
        @(Get-WireScimGroup -Connection $connection).Count | Should -Be 120
        Get-GroupRequestCount -Emulator $emulator -Method 'GET' | Should -Be 1
        Set-WireScimEmulatorRelease -Emulator $emulator -Release '5.25' | Out-Null
    }
}

Describe 'Sync-WireScimGroup' {
    BeforeAll {
        $token = 'pester-groups-sync'
        $script:emulator = Start-GroupEmulator -Token $token
        $script:connection = Connect-TestEmulator -Emulator $emulator -Token $token -PassThru
        $null = New-TestUsers -Number (1..30) -Connection $connection

        function New-ADShapedGroup {
            <# What Get-ADGroup plus Get-ADGroupMember give for one group: ObjectGUID, Name, DisplayName, Member (ADPrincipals). #>
            param([Parameter(Mandatory)] [guid] $Guid, [Parameter(Mandatory)] [string] $Name, [int[]] $Member = @())
            [pscustomobject]@{
                DistinguishedName = "CN=$Name,OU=Wire,DC=example,DC=com"; GroupCategory = 'Security'; GroupScope = 'Global'
                Name = $Name; DisplayName = $Name; ObjectClass = 'group'; ObjectGUID = $Guid; SamAccountName = $Name -replace ' ', ''
                Member = @($Member | ForEach-Object {
                        [pscustomobject]@{ DistinguishedName = "CN=User $_,OU=Staff,DC=example,DC=com"; Name = "User $_"; ObjectClass = 'user'
                            ObjectGUID = [guid]::NewGuid(); SamAccountName = 'u{0:000}' -f $_ }
                    })
            }
        }
        $script:guids = @([guid]::NewGuid(), [guid]::NewGuid(), [guid]::NewGuid())
        $script:statePath = Join-Path (Get-TestDriveRoot) 'groups.state.json'
    }
    AfterAll { Stop-TestEmulator $emulator }

    It 'creates AD-shaped groups on the first run' {
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support' (1..5)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10)), (New-ADShapedGroup $guids[2] 'Wire Empty')
        $results = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection)
        $results.Action | Sort-Object -Unique | Should -Be @('Created')
        $results.Count | Should -Be 3
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Support')[0].members | Should -Be @('u001', 'u002', 'u003', 'u004', 'u005')
        @((Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Empty')[0].members).Count | Should -Be 0
    }

    It 'sends no request at all on an unchanged rerun' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support' (1..5)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10)), (New-ADShapedGroup $guids[2] 'Wire Empty')
        $results = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection)
        $results.Action | Sort-Object -Unique | Should -Be @('Unchanged')
        (Get-WireScimEmulatorStats -Emulator $emulator).totalRequests | Should -Be 0
    }

    It 'shows the member changes under -WhatIf and changes nothing, the state file included' {
        $before = Get-FileHash $statePath
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10)), (New-ADShapedGroup $guids[2] 'Wire Empty')
        $plan = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection -WhatIf)
        $support = $plan | Where-Object DisplayName -EQ 'Wire Support'
        $support.Action | Should -Be 'WouldUpdate'
        $support.Removed | Should -Be 'u005'
        $support.Added | Should -Match 'u011'
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Support')[0].members | Should -Be @('u001', 'u002', 'u003', 'u004', 'u005')
        (Get-FileHash $statePath).Hash | Should -Be $before.Hash
        $nowhere = Join-Path (Get-TestDriveRoot) 'not-yet'
        $ad | Sync-WireScimGroup -StatePath (Join-Path $nowhere 'groups.json') -Connection $connection -WhatIf | Out-Null
        Test-Path $nowhere | Should -BeFalse
    }

    It 'applies a changed membership and a renamed AD group with one read and one PUT each' {
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support Team' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10)), (New-ADShapedGroup $guids[2] 'Wire Empty')
        $results = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection)
        $support = $results | Where-Object SourceId -EQ $guids[0].ToString()
        $support.Action | Should -Be 'Updated'
        $support.AddedCount | Should -Be 1
        $support.RemovedCount | Should -Be 1
        $record = Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Support Team'
        Get-HandleOf -Emulator $emulator -Id $record[0].members | Should -Be @('u001', 'u002', 'u003', 'u004', 'u011')
        Get-GroupRequestCount -Emulator $emulator -Method 'PUT' | Should -Be 1
        Get-GroupRequestCount -Emulator $emulator -Method 'POST' | Should -Be 0
    }

    It '-Full finds a change made in Team Settings with one listing request and puts it right' {
        $sales = (Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Sales')[0]
        Set-WireScimEmulatorGroup -Emulator $emulator -Id $sales.id -Member @($sales.members | Select-Object -First 2) | Out-Null
        Reset-WireScimEmulatorStats -Emulator $emulator
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support Team' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10)), (New-ADShapedGroup $guids[2] 'Wire Empty')
        $results = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection -Full)
        ($results | Where-Object DisplayName -EQ 'Wire Sales').Action | Should -Be 'Updated'
        @($results | Where-Object Action -EQ 'Unchanged').Count | Should -Be 2
        @((Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Sales')[0].members).Count | Should -Be 5
        # one listing page, then the read and the PUT of the changed group
        Get-GroupRequestCount -Emulator $emulator -Method 'GET' | Should -Be 2
        Get-GroupRequestCount -Emulator $emulator -Method 'PUT' | Should -Be 1
    }

    It 'reports a missing group, holds back removing all of them, and removes one when asked' {
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support Team' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10))
        ($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection | Where-Object Action -EQ 'Missing').DisplayName | Should -Be 'Wire Empty'
        $guarded = @(@() | Sync-WireScimGroup -StatePath $statePath -Connection $connection -MissingAction Remove -ErrorVariable guard -ErrorAction SilentlyContinue)
        $guarded.Action | Sort-Object -Unique | Should -Be @('Skipped')
        $guard[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.DeletionGuard*'
        @(Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Empty').Count | Should -Be 1
        $removed = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection -MissingAction Remove | Where-Object Action -EQ 'Removed')
        $removed.DisplayName | Should -Be 'Wire Empty'
        @(Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Empty').Count | Should -Be 0
    }

    It 'takes a CSV of memberships, reports refused members, and writes a clean Export-Csv report' {
        $csv = New-TestCsv -Name 'memberships.csv' -Line @('GroupName,UserName', 'Night Shift,u020', 'Night Shift,u021', 'Night Shift,u021', 'Night Shift,ghost.user', 'Day Shift,u022')
        $report = Join-Path (Get-TestDriveRoot) 'report.csv'
        Import-Csv $csv | Sync-WireScimGroup -StatePath (Join-Path (Get-TestDriveRoot) 'csv.state.json') -Connection $connection -ErrorVariable refused -ErrorAction SilentlyContinue |
            Export-Csv $report -NoTypeInformation
        $rows = @(Import-Csv $report)
        $rows.Count | Should -Be 2
        ($rows[0].PSObject.Properties.Name -join ',') | Should -Be 'Action,DisplayName,SourceId,Id,MemberCount,AddedCount,RemovedCount,Added,Removed,Refused,Error,ErrorId'
        $night = $rows | Where-Object DisplayName -EQ 'Night Shift'
        $night.MemberCount | Should -Be '2'
        $night.Refused | Should -Match 'ghost.user: no such user'
        $refused.Count | Should -Be 1
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator -DisplayName 'Night Shift')[0].members | Should -Be @('u020', 'u021')
    }

    It 'creates a group whose remembered member was deleted since, and reports that member' {
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support Team' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10))
        Remove-WireScimUser -UserName 'u011' -Confirm:$false -Connection $connection
        Reset-WireScimEmulatorStats -Emulator $emulator
        $late = New-ADShapedGroup ([guid]::NewGuid()) 'Wire Late' (1, 11)
        $results = @($ad + $late | Sync-WireScimGroup -StatePath $statePath -Connection $connection -ErrorAction SilentlyContinue)
        $created = $results | Where-Object DisplayName -EQ 'Wire Late'
        $created.Action | Should -Be 'Created'
        $created.Refused | Should -Match 'u011|pending|no such user'
        Get-HandleOf -Emulator $emulator -Id (Get-EmulatorGroup -Emulator $emulator -DisplayName 'Wire Late')[0].members | Should -Be @('u001')
        (Get-WireScimEmulatorStats -Emulator $emulator).routes.PSObject.Properties.Name | Where-Object { $_ -match ' 500' } | Should -BeNullOrEmpty
    }

    It 'adopts its groups by exact name after the state file was lost, creating none twice' {
        $before = @(Get-EmulatorGroup -Emulator $emulator).Count
        Remove-Item $statePath
        $ad = (New-ADShapedGroup $guids[0] 'Wire Support Team' (1..4 + 11)), (New-ADShapedGroup $guids[1] 'Wire Sales' (6..10))
        $results = @($ad | Sync-WireScimGroup -StatePath $statePath -Connection $connection -ErrorVariable refused -ErrorAction SilentlyContinue)
        $results.Action | Sort-Object -Unique | Should -Be @('Adopted')
        @(Get-EmulatorGroup -Emulator $emulator).Count | Should -Be $before
        "$refused" | Should -Match 'u011' -Because 'the user removed in the test before is refused as a member, not sent'
    }
}
